// Opens the database: MikroORM on SQLite (a file under the data dir by default), with our entities,
// the soft-delete filter, committed migrations, and a counter of executed SQL statements.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/sqlite';
import { SQLITE_URL, type Config } from '../config/index.js';
import { ALL_ENTITIES, TASK_CLOCK_EXTENSION } from './entities/index.js';
import { SQLITE_MIGRATIONS } from './migrations/index.js';

export type Orm = MikroORM;

export interface Database {
  orm: Orm;
  /** Number of SQL statements executed since start; tests use it to prove constant query counts. */
  statementCount(): number;
  close(): Promise<void>;
}

/** The SQLite file path for this configuration: `sqlite:PATH` in database_url, else `<data_dir>/glance.sqlite`. */
export function sqlitePath(config: Config): string {
  const url = config.database_url;
  if (!url) return resolve(config.data_dir, 'glance.sqlite');
  const match = SQLITE_URL.exec(url);
  if (!match) throw new Error(`database_url: only sqlite:PATH URLs are supported, got "${url}"`);
  const path = match[1]!;
  return path === ':memory:' || isAbsolute(path) ? path : resolve(path);
}

const READER_CONNECTIONS = 3;

type SqliteConnection = { exec(sql: string, done: (error: Error | null) => void): void };

/**
 * Settings for every connection: wait for locks instead of failing at once, enforce foreign keys, and WAL
 * (stored in the file; it lets readers keep answering while a writer such as an upload or the sweep works).
 */
function configureConnection(connection: SqliteConnection, done: (error: Error | null) => void): void {
  connection.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;', done);
}

/**
 * `now` is the clock the Task entity's liveTasks filter compares expiry against: the system time unless given (tests
 * move it instead of waiting). Every ORM is built from these options, so the filter always has a clock.
 */
export function ormOptions(dbName: string, now: () => Date = () => new Date()): Options {
  return {
    dbName,
    entities: ALL_ENTITIES,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator, { register: (orm) => orm.config.registerExtension(TASK_CLOCK_EXTENSION, () => now) }],
    migrations: { migrationsList: SQLITE_MIGRATIONS, transactional: true, allOrNothing: true, emit: 'ts', silent: true },
    filters: {
      // Soft-deleted rows stay for audit; no query may return them unless it turns this off by name. (Tasks carry
      // their own filter, liveTasks, on the entity.)
      notDeleted: { cond: { deleted: false }, entity: ['Image', 'ImageMember'], default: true },
    },
    // One connection writes, so write transactions never meet each other as SQLite lock errors; reads outside
    // transactions go to a small pool of reader connections, which WAL lets run beside the writer. A pool keeps a
    // request's query from waiting for the event loop to hand a single shared connection back.
    pool: { min: 1, max: 1, afterCreate: configureConnection },
    replicas: dbName === ':memory:' ? [] : [{ name: 'readers', dbName, pool: { min: 1, max: READER_CONNECTIONS, afterCreate: configureConnection } }],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    // Reading a page of images must not emit statements per row; relations are loaded by DataLoaders.
    autoJoinRefsForFilters: false,
  } satisfies Options;
}

export async function openDatabase(config: Config, { migrate = true, now }: { migrate?: boolean; now?: () => Date } = {}): Promise<Database> {
  const file = sqlitePath(config);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const orm = await MikroORM.init(ormOptions(file, now));
  let statements = 0;
  const count = () => {
    statements += 1;
  };
  const driver = orm.em.getDriver();
  const writer = driver.getConnection('write').getKnex();
  const reader = driver.getConnection('read').getKnex();
  writer.on('query', count);
  if (reader !== writer) reader.on('query', count);
  if (migrate) await orm.getMigrator().up();
  return { orm, statementCount: () => statements, close: () => orm.close(true) };
}
