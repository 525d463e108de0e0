export type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
export { DatabaseUnreachableError, openDatabase, type Database, type Orm, type StatementKind, type StatementObserver } from './orm.js';
export { databaseOf, sqlitePath, type DatabaseLocation } from './database-location.js';
export * from './entities/index.js';
export * from './keyset.js';
export * from './plain-rows.js';
export { columnsOf, selectByKeys } from './id-list-reads.js';
export { listenOn, notify, type NotificationChannel, type NotificationHandlers } from './notification-channel.js';
export { whileAdvisoryLocked } from './advisory-lock.js';
