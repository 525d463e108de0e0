// A write that cannot get the database (another process holds SQLite's write lock for longer than busy_timeout)
// is a CONFLICT the client may retry, on /graphql and on the byte routes alike — never an internal error.
import sqlite3 from 'sqlite3';
import { expect, it } from 'vitest';
import { sqlitePath } from '../../src/persistence/index.js';
import { CreateImageDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, upload } from './image-data-fixtures.js';

const server = useTestServer();

/** Another process's connection to the server's database file, holding the write lock until released. */
async function holdWriteLock(): Promise<() => Promise<void>> {
  const other = new sqlite3.Database(sqlitePath(server.server.config));
  const run = (sql: string) => new Promise<void>((done, fail) => other.exec(sql, (error) => (error ? fail(error) : done())));
  await run('BEGIN IMMEDIATE');
  return async () => {
    await run('ROLLBACK');
    await new Promise<void>((done) => other.close(() => done()));
  };
}

// SQLite's lock is the whole database's; PostgreSQL locks rows, and its writers meet in several-servers.test.ts.
it.skipIf(testEngine() === 'postgresql')('answers CONFLICT while another process holds the write lock, and works again once it lets go', { timeout: 30_000 }, async () => {
  const { id } = await createImage(server.alice);
  const release = await holdWriteLock();
  try {
    const created = await server.alice.request(CreateImageDocument, { input: { name: 'blocked' } });
    expect(created.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(created.errors?.[0]?.message).toMatch(/try again/);
    const uploaded = await upload(server.alice, id, bytes(10));
    expect(uploaded.status).toBe(409);
    expect(((await uploaded.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('CONFLICT');
  } finally {
    await release();
  }
  expect((await server.alice.request(CreateImageDocument, { input: { name: 'free again' } })).errors).toBeUndefined();
  expect((await upload(server.alice, id, bytes(10))).status).toBe(204);
});
