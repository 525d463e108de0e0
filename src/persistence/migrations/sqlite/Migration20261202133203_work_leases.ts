import { Migration } from '@mikro-orm/migrations';

export class Migration20261202133203_work_leases extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`named_leases\` (\`name\` text not null, \`owner\` text not null, \`expires_at\` datetime not null, primary key (\`name\`));`);

    this.addSql(`alter table \`images\` add column \`lease_owner\` text null;`);
    this.addSql(`alter table \`images\` add column \`lease_expires_at\` datetime null;`);

    this.addSql(`alter table \`tasks\` add column \`lease_owner\` text null;`);
    this.addSql(`alter table \`tasks\` add column \`lease_expires_at\` datetime null;`);
  }

}
