import { Migration } from '@mikro-orm/migrations';

export class Migration20261202135209_project_locks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`project_locks\` (\`project\` text not null, \`locked_at\` datetime not null, primary key (\`project\`));`);
  }

}
