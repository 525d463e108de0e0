// The database a test server uses, on the engine of the vitest project running the file: SQLite (the data
// dir's file) or a database of its own on the GLANCE_TEST_DATABASE_URL server, created for it and dropped after.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { databaseUrlOn, onPostgresqlServer } from '../../src/persistence/postgresql-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseEngine: 'sqlite' | 'postgresql';
  }
}

export interface TestDatabase {
  /** database_url for the server: null on SQLite, where the file lives in the data dir. */
  url: string | null;
  /** GLANCE_DATABASE_URL for a server started as its own process. */
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

export function testEngine(): 'sqlite' | 'postgresql' {
  return inject('databaseEngine') ?? 'sqlite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'sqlite') return { url: null, env: {}, drop: async () => undefined };
  const server = process.env.GLANCE_TEST_DATABASE_URL;
  if (!server) throw new Error('the postgresql project runs only with GLANCE_TEST_DATABASE_URL set');
  const name = `glance_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // ICU's en-US collation orders text unlike SQLite (case and punctuation aside), so a column that misses the
  // migrations' byte-order collation shows up as a different order.
  await onPostgresqlServer(server, (db) => db.raw(`create database ?? template template0 locale_provider icu icu_locale 'en-US'`, [name]));
  const url = databaseUrlOn(server, name);
  return {
    url,
    env: { GLANCE_DATABASE_URL: url },
    drop: () => onPostgresqlServer(server, (db) => db.raw('drop database if exists ?? with (force)', [name])),
  };
}

/** A database for the enclosing file or `describe` block: created before its tests, dropped after them. */
export function useTestDatabase(): TestDatabase {
  const used = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(used, await createTestDatabase());
  });
  afterAll(() => used.drop?.());
  return used;
}
