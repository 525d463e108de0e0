import { Migration } from '@mikro-orm/migrations';

export class Migration20261124190349_image_locations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`image_locations\` (\`id\` integer not null primary key autoincrement, \`image_id\` text not null, \`url\` text not null, \`metadata\` json not null, \`status\` text not null default 'active', \`position\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`image_locations_image_id_foreign\` foreign key(\`image_id\`) references \`images\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`image_locations_image_id_index\` on \`image_locations\` (\`image_id\`);`);
    this.addSql(`create index \`image_locations_image_id_status_position_index\` on \`image_locations\` (\`image_id\`, \`status\`, \`position\`);`);
  }

}
