import { Migration } from '@mikro-orm/migrations';

export class Migration20261124185952_image_members extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`image_members\` (\`id\` integer not null primary key autoincrement, \`image_id\` text not null, \`member\` text not null, \`status\` text not null default 'pending', \`created_at\` datetime not null, \`updated_at\` datetime not null, \`deleted\` integer not null default false, \`deleted_at\` datetime null, constraint \`image_members_image_id_foreign\` foreign key(\`image_id\`) references \`images\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`image_members_image_id_index\` on \`image_members\` (\`image_id\`);`);
    this.addSql(`create index \`image_members_member_status_deleted_image_id_index\` on \`image_members\` (\`member\`, \`status\`, \`deleted\`, \`image_id\`);`);
    this.addSql(`create unique index \`image_members_image_id_member_unique\` on \`image_members\` (\`image_id\`, \`member\`);`);
  }

}
