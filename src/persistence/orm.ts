// Opens the database: MikroORM on SQLite (a file under the data dir by default) or PostgreSQL, with our
// entities, the soft-delete filter, committed migrations, and a counter of executed SQL statements.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, Knex } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { Config } from '../config/index.js';
import { databaseOf, type DatabaseLocation } from './database-location.js';
import { engineOptions } from './engines.js';
import { ALL_ENTITIES, TASK_CLOCK_EXTENSION } from './entities/index.js';

export type Orm = MikroORM<AbstractSqlDriver>;

export interface Database {
  orm: Orm;
  /** Number of SQL statements executed since start; tests use it to prove constant query counts. */
  statementCount(): number;
  close(): Promise<void>;
}

/** The database could not be reached; the message names the server (or file) and why, for the operator. */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/**
 * `now` is the clock the Task entity's liveTasks filter compares expiry against: the system time unless given (tests
 * move it instead of waiting). Every ORM is built from these options, so the filter always has a clock.
 */
export function ormOptions(location: DatabaseLocation, now: () => Date = () => new Date()): Options<AbstractSqlDriver> {
  const engine = engineOptions(location);
  return {
    ...engine.options,
    entities: ALL_ENTITIES,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator, { register: (orm) => orm.config.registerExtension(TASK_CLOCK_EXTENSION, () => now) }],
    migrations: { migrationsList: engine.migrations, transactional: true, allOrNothing: true, emit: 'ts', silent: true },
    filters: {
      // Soft-deleted rows stay for audit; no query may return them unless it turns this off by name. (Tasks carry
      // their own filter, liveTasks, on the entity.)
      notDeleted: { cond: { deleted: false }, entity: ['Image', 'ImageMember'], default: true },
    },
    // The server never creates a database: a wrong name in database_url is reported, not silently made.
    ensureDatabase: false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    // Reading a page of images must not emit statements per row; relations are loaded by DataLoaders.
    autoJoinRefsForFilters: false,
  };
}

export interface OpenOptions {
  migrate?: boolean;
  now?: () => Date;
  /** Told each SQL statement's duration and kind, when it ends (for metrics). */
  onStatement?: StatementObserver;
}

export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'other';
export type StatementObserver = (seconds: number, kind: StatementKind) => void;

export async function openDatabase(config: Config, { migrate = true, now, onStatement }: OpenOptions = {}): Promise<Database> {
  const location = databaseOf(config);
  if (location.engine === 'sqlite' && location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
  const orm = await MikroORM.init<AbstractSqlDriver>(ormOptions(location, now));
  const check = await orm.checkConnection();
  if (!check.ok) {
    await orm.close(true);
    throw new DatabaseUnreachableError(`cannot reach the database ${location.name}: ${check.reason}`);
  }
  let statements = 0;
  const count = () => {
    statements += 1;
  };
  const driver = orm.em.getDriver();
  const writer = driver.getConnection('write').getKnex();
  const reader = driver.getConnection('read').getKnex();
  for (const knex of new Set([writer, reader])) {
    knex.on('query', count);
    if (onStatement) timeStatements(knex, onStatement);
  }
  if (migrate) await orm.getMigrator().up();
  return { orm, statementCount: () => statements, close: () => orm.close(true) };
}

interface KnexQuery {
  __knexQueryUid: string;
  sql: string;
}

/** Times each statement from knex's events, which name the statement they belong to by a uid. */
function timeStatements(knex: Knex, observe: StatementObserver): void {
  const started = new Map<string, number>();
  knex.on('query', (query: KnexQuery) => started.set(query.__knexQueryUid, performance.now()));
  const ended = (_outcome: unknown, query: KnexQuery) => {
    const start = started.get(query.__knexQueryUid);
    if (start === undefined) return;
    started.delete(query.__knexQueryUid);
    observe((performance.now() - start) / 1000, statementKind(query.sql));
  };
  knex.on('query-response', ended).on('query-error', ended);
}

function statementKind(sql: string): StatementKind {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  return verb === 'select' || verb === 'insert' || verb === 'update' || verb === 'delete' ? verb : 'other';
}
