import { Migration } from '@mikro-orm/migrations';

export class Migration20261124184541_images extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`images\` (\`id\` text not null, \`name\` text null, \`status\` text not null default 'queued', \`visibility\` text not null default 'shared', \`protected\` integer not null default false, \`os_hidden\` integer not null default false, \`owner\` text null, \`disk_format\` text null, \`container_format\` text null, \`size\` bigint null, \`virtual_size\` bigint null, \`min_disk\` integer not null default 0, \`min_ram\` integer not null default 0, \`checksum\` text null, \`os_hash_algo\` text null, \`os_hash_value\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`deleted\` integer not null default false, \`deleted_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`images_deleted_created_at_id_index\` on \`images\` (\`deleted\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`images_owner_deleted_created_at_index\` on \`images\` (\`owner\`, \`deleted\`, \`created_at\`);`);
    this.addSql(`create index \`images_visibility_deleted_created_at_index\` on \`images\` (\`visibility\`, \`deleted\`, \`created_at\`);`);

    this.addSql(`create table \`image_properties\` (\`id\` integer not null primary key autoincrement, \`image_id\` text not null, \`name\` text not null, \`value\` text not null, constraint \`image_properties_image_id_foreign\` foreign key(\`image_id\`) references \`images\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`image_properties_image_id_index\` on \`image_properties\` (\`image_id\`);`);
    this.addSql(`create unique index \`image_properties_image_id_name_unique\` on \`image_properties\` (\`image_id\`, \`name\`);`);

    this.addSql(`create table \`image_tags\` (\`id\` integer not null primary key autoincrement, \`image_id\` text not null, \`value\` text not null, constraint \`image_tags_image_id_foreign\` foreign key(\`image_id\`) references \`images\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`image_tags_image_id_index\` on \`image_tags\` (\`image_id\`);`);
    this.addSql(`create index \`image_tags_value_image_id_index\` on \`image_tags\` (\`value\`, \`image_id\`);`);
    this.addSql(`create unique index \`image_tags_image_id_value_unique\` on \`image_tags\` (\`image_id\`, \`value\`);`);
  }

}
