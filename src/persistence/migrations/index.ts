// Migrations are listed statically so they run the same under tsx, vitest and a bundler. Each engine has its own
// (migrations/sqlite, migrations/postgresql); add new ones here after `npm run migration:create -- NAME`.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202141310_initial } from './postgresql/Migration20261202141310_initial.js';
import { Migration20261124184541_images } from './sqlite/Migration20261124184541_images.js';
import { Migration20261124185846_tasks } from './sqlite/Migration20261124185846_tasks.js';
import { Migration20261124185952_image_members } from './sqlite/Migration20261124185952_image_members.js';
import { Migration20261124190349_image_locations } from './sqlite/Migration20261124190349_image_locations.js';
import { Migration20261202133203_work_leases } from './sqlite/Migration20261202133203_work_leases.js';
import { Migration20261202135209_project_locks } from './sqlite/Migration20261202135209_project_locks.js';

export const SQLITE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261124184541_images', class: Migration20261124184541_images },
  { name: 'Migration20261124185846_tasks', class: Migration20261124185846_tasks },
  { name: 'Migration20261124185952_image_members', class: Migration20261124185952_image_members },
  { name: 'Migration20261124190349_image_locations', class: Migration20261124190349_image_locations },
  { name: 'Migration20261202133203_work_leases', class: Migration20261202133203_work_leases },
  { name: 'Migration20261202135209_project_locks', class: Migration20261202135209_project_locks },
];

export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261202141310_initial', class: Migration20261202141310_initial }];
