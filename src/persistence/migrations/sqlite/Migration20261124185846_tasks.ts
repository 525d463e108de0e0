import { Migration } from '@mikro-orm/migrations';

export class Migration20261124185846_tasks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`tasks\` (\`id\` text not null, \`type\` text not null, \`status\` text not null default 'pending', \`input\` json not null, \`result\` json null, \`message\` text not null default '', \`owner\` text not null, \`user_id\` text null, \`image_id\` text null, \`expires_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`deleted\` integer not null default false, \`deleted_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`tasks_deleted_created_at_id_index\` on \`tasks\` (\`deleted\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`tasks_owner_deleted_created_at_id_index\` on \`tasks\` (\`owner\`, \`deleted\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`tasks_deleted_expires_at_index\` on \`tasks\` (\`deleted\`, \`expires_at\`);`);
    this.addSql(`create index \`tasks_deleted_deleted_at_index\` on \`tasks\` (\`deleted\`, \`deleted_at\`);`);
    this.addSql(`create index \`tasks_status_index\` on \`tasks\` (\`status\`);`);
  }

}
