export type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
export { openDatabase, sqlitePath, type Database, type Orm } from './orm.js';
export * from './entities/index.js';
export * from './keyset.js';
export * from './plain-rows.js';
