import { Migration } from '@mikro-orm/migrations';

// Every text column sorts and compares in code-point order (collate "C"), as SQLite does, whatever the
// database's default collation: lists and cursors order the same on both engines.
export class Migration20261202141310_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "images" ("id" varchar(36) collate "C" not null, "name" varchar(255) collate "C" null, "status" varchar(30) collate "C" not null default 'queued', "visibility" varchar(20) collate "C" not null default 'shared', "protected" boolean not null default false, "os_hidden" boolean not null default false, "owner" varchar(255) collate "C" null, "disk_format" varchar(20) collate "C" null, "container_format" varchar(20) collate "C" null, "size" bigint null, "virtual_size" bigint null, "min_disk" int not null default 0, "min_ram" int not null default 0, "checksum" varchar(32) collate "C" null, "os_hash_algo" varchar(64) collate "C" null, "os_hash_value" varchar(128) collate "C" null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted" boolean not null default false, "deleted_at" timestamptz null, "lease_owner" varchar(36) collate "C" null, "lease_expires_at" timestamptz null, constraint "images_pkey" primary key ("id"));`);
    this.addSql(`create index "images_deleted_created_at_id_index" on "images" ("deleted", "created_at", "id");`);
    this.addSql(`create index "images_owner_deleted_created_at_index" on "images" ("owner", "deleted", "created_at");`);
    this.addSql(`create index "images_visibility_deleted_created_at_index" on "images" ("visibility", "deleted", "created_at");`);

    this.addSql(`create table "image_locations" ("id" serial primary key, "image_id" varchar(36) collate "C" not null, "url" text collate "C" not null, "metadata" json not null, "status" varchar(30) collate "C" not null default 'active', "position" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "image_locations_image_id_status_position_index" on "image_locations" ("image_id", "status", "position");`);

    this.addSql(`create table "image_members" ("id" serial primary key, "image_id" varchar(36) collate "C" not null, "member" varchar(255) collate "C" not null, "status" varchar(20) collate "C" not null default 'pending', "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted" boolean not null default false, "deleted_at" timestamptz null);`);
    this.addSql(`create index "image_members_member_status_deleted_image_id_index" on "image_members" ("member", "status", "deleted", "image_id");`);
    this.addSql(`alter table "image_members" add constraint "image_members_image_id_member_unique" unique ("image_id", "member");`);

    this.addSql(`create table "image_properties" ("id" serial primary key, "image_id" varchar(36) collate "C" not null, "name" varchar(255) collate "C" not null, "value" text collate "C" not null);`);
    this.addSql(`alter table "image_properties" add constraint "image_properties_image_id_name_unique" unique ("image_id", "name");`);

    this.addSql(`create table "image_tags" ("id" serial primary key, "image_id" varchar(36) collate "C" not null, "value" varchar(255) collate "C" not null);`);
    this.addSql(`create index "image_tags_value_image_id_index" on "image_tags" ("value", "image_id");`);
    this.addSql(`alter table "image_tags" add constraint "image_tags_image_id_value_unique" unique ("image_id", "value");`);

    this.addSql(`create table "named_leases" ("name" varchar(64) collate "C" not null, "owner" varchar(36) collate "C" not null, "expires_at" timestamptz not null, constraint "named_leases_pkey" primary key ("name"));`);

    this.addSql(`create table "project_locks" ("project" varchar(255) collate "C" not null, "locked_at" timestamptz not null, constraint "project_locks_pkey" primary key ("project"));`);

    this.addSql(`create table "tasks" ("id" varchar(36) collate "C" not null, "type" varchar(30) collate "C" not null, "status" varchar(30) collate "C" not null default 'pending', "input" json not null, "result" json null, "message" text collate "C" not null default '', "owner" varchar(255) collate "C" not null, "user_id" varchar(64) collate "C" null, "image_id" varchar(36) collate "C" null, "expires_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted" boolean not null default false, "deleted_at" timestamptz null, "lease_owner" varchar(36) collate "C" null, "lease_expires_at" timestamptz null, constraint "tasks_pkey" primary key ("id"));`);
    this.addSql(`create index "tasks_deleted_created_at_id_index" on "tasks" ("deleted", "created_at", "id");`);
    this.addSql(`create index "tasks_owner_deleted_created_at_id_index" on "tasks" ("owner", "deleted", "created_at", "id");`);
    this.addSql(`create index "tasks_deleted_expires_at_index" on "tasks" ("deleted", "expires_at");`);
    this.addSql(`create index "tasks_deleted_deleted_at_index" on "tasks" ("deleted", "deleted_at");`);
    this.addSql(`create index "tasks_status_index" on "tasks" ("status");`);

    this.addSql(`alter table "image_locations" add constraint "image_locations_image_id_foreign" foreign key ("image_id") references "images" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "image_members" add constraint "image_members_image_id_foreign" foreign key ("image_id") references "images" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "image_properties" add constraint "image_properties_image_id_foreign" foreign key ("image_id") references "images" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "image_tags" add constraint "image_tags_image_id_foreign" foreign key ("image_id") references "images" ("id") on update cascade on delete cascade;`);
  }

}
