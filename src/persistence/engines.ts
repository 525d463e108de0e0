// What differs between the two engines: driver (sending values as bindings), connections, and the migrations
// written for each.
import type { MigrationObject, Options } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { BoundPostgreSqlDriver, BoundSqliteDriver } from './bound-parameters.js';
import type { DatabaseLocation } from './database-location.js';
import { POSTGRESQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations/index.js';

export interface EngineOptions {
  options: Options<AbstractSqlDriver>;
  migrations: MigrationObject[];
}

const SQLITE_READER_CONNECTIONS = 3;
const POSTGRESQL_CONNECTIONS = 10;
// An unreachable server is reported after this long instead of the pool's default minute.
export const POSTGRESQL_CONNECT_TIMEOUT_MS = 10_000;
// How long a write waits for a row another transaction holds, as SQLite's busy_timeout: then it fails, and the
// client is answered CONFLICT ("try again") instead of waiting without end.
const LOCK_WAIT_MS = 5_000;

type SqliteConnection = { exec(sql: string, done: (error: Error | null) => void): void };

/**
 * Settings for every SQLite connection: wait for locks instead of failing at once, enforce foreign keys, and WAL
 * (stored in the file; it lets readers keep answering while a writer such as an upload or the sweep works, and
 * lets several worker processes share the file).
 */
function configureSqliteConnection(connection: SqliteConnection, done: (error: Error | null) => void): void {
  connection.exec(`PRAGMA busy_timeout = ${LOCK_WAIT_MS}; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;`, done);
}

export function engineOptions(location: DatabaseLocation): EngineOptions {
  if (location.engine === 'postgresql') {
    return {
      migrations: POSTGRESQL_MIGRATIONS,
      options: {
        driver: BoundPostgreSqlDriver,
        clientUrl: location.url,
        pool: { min: 0, max: POSTGRESQL_CONNECTIONS },
        driverOptions: { acquireConnectionTimeout: POSTGRESQL_CONNECT_TIMEOUT_MS, connection: { connectionTimeoutMillis: POSTGRESQL_CONNECT_TIMEOUT_MS, lock_timeout: LOCK_WAIT_MS } },
      },
    };
  }
  const { path } = location;
  return {
    migrations: SQLITE_MIGRATIONS,
    options: {
      driver: BoundSqliteDriver,
      dbName: path,
      // One connection writes, so write transactions never meet each other as SQLite lock errors; reads outside
      // transactions go to a small pool of reader connections, which WAL lets run beside the writer. A pool keeps a
      // request's query from waiting for the event loop to hand a single shared connection back.
      pool: { min: 1, max: 1, afterCreate: configureSqliteConnection },
      replicas: path === ':memory:' ? [] : [{ name: 'readers', dbName: path, pool: { min: 1, max: SQLITE_READER_CONNECTIONS, afterCreate: configureSqliteConnection } }],
    },
  };
}
