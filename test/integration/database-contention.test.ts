// A write that cannot get what it must lock (another process holds SQLite's write lock, or the image's row on
// PostgreSQL, for longer than the lock wait) is a CONFLICT the client may retry, on /graphql and on the byte
// routes alike — never an internal error, never a request that waits without end.
import { LockMode } from '@mikro-orm/core';
import sqlite3 from 'sqlite3';
import { expect, it } from 'vitest';
import { Image, openDatabase, sqlitePath } from '../../src/persistence/index.js';
import { AddImageTagDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, upload } from './image-data-fixtures.js';

const server = useTestServer();

/** Another process's connection holding what writes of image `id` need: SQLite's write lock, or the image's row. */
async function holdLockOn(id: string): Promise<() => Promise<void>> {
  const { config } = server.server;
  if (testEngine() === 'postgresql') {
    const other = await openDatabase(config, { migrate: false });
    const em = other.orm.em.fork();
    await em.begin();
    await em.findOneOrFail(Image, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    return async () => {
      await em.rollback();
      await other.close();
    };
  }
  const other = new sqlite3.Database(sqlitePath(config));
  const run = (sql: string) => new Promise<void>((done, fail) => other.exec(sql, (error) => (error ? fail(error) : done())));
  await run('BEGIN IMMEDIATE');
  return async () => {
    await run('ROLLBACK');
    await new Promise<void>((done) => other.close(() => done()));
  };
}

it('answers CONFLICT while another process holds the lock, and works again once it lets go', { timeout: 30_000 }, async () => {
  const { id } = await createImage(server.alice);
  const tag = (value: string) => server.alice.request(AddImageTagDocument, { input: { imageId: id, tag: value } });
  const release = await holdLockOn(id);
  try {
    const tagged = await tag('blocked');
    expect(tagged.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(tagged.errors?.[0]?.message).toMatch(/try again/);
    const uploaded = await upload(server.alice, id, bytes(10));
    expect(uploaded.status).toBe(409);
    expect(((await uploaded.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('CONFLICT');
  } finally {
    await release();
  }
  expect((await tag('free again')).errors).toBeUndefined();
  expect((await upload(server.alice, id, bytes(10))).status).toBe(204);
});
