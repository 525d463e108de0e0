// PostgreSQL going away under a running server (a restart: every connection cut): the server does not hang,
// reconnects by itself, and work under way is not left half-written. A request is kept in flight at the cut by a
// row lock the test holds on a connection of its own, which the cut spares.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { onPostgresqlServer } from '../../src/persistence/postgresql-server.js';
import { ImageDataDocument, ListImagesDocument, UpdateImageDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, startSaving } from './image-data-fixtures.js';

const server = useTestServer();

const databaseName = () => new URL(server.server.config.database_url!).pathname.slice(1);

/** What a restart does to this server's sessions: PostgreSQL ends every connection to its database (but `spared`). */
async function cutConnections(spared = 0): Promise<void> {
  await onPostgresqlServer(process.env.GLANCE_TEST_DATABASE_URL!, (db) =>
    db.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid not in (pg_backend_pid(), ?)', [databaseName(), spared]),
  );
}

/** Locks image `id`'s row on a session of the test's own, until `release()`; `pid` is that session's. */
async function lockImageRow(id: string): Promise<{ pid: number; release(): Promise<void> }> {
  const session = new pg.Client({ connectionString: server.server.config.database_url! });
  await session.connect();
  await session.query('begin');
  await session.query('select id from images where id = $1 for update', [id]);
  const pid = (await session.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  return { pid, release: () => session.end() };
}

/** Waits until one of the server's statements waits for a lock: a request is in flight. */
async function untilWaitingForLock(): Promise<void> {
  const waiting = () => onPostgresqlServer(process.env.GLANCE_TEST_DATABASE_URL!, async (db) =>
    ((await db.raw(`select count(*)::int as count from pg_stat_activity where datname = ? and wait_event_type = 'Lock'`, [databaseName()])) as { rows: { count: number }[] }).rows[0]!.count);
  await expect.poll(waiting, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
}

describe.skipIf(testEngine() !== 'postgresql')('a PostgreSQL restart while serving', () => {
  it('is survived: reads and writes after it are answered, on fresh connections', { timeout: 30_000 }, async () => {
    const { id } = await createImage(server.alice);
    for (let n = 0; n < 3; n += 1) {
      // Every pooled connection dies idle; the pool may hand one out before it has heard.
      await cutConnections();
      const answer = await server.alice.request(ListImagesDocument, { first: 5 });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.images.edges.map((edge) => edge.node.id)).toContain(id);
      await cutConnections();
      const renamed = await server.alice.request(UpdateImageDocument, { input: { id, name: `after cut ${n}` } });
      expect(renamed.errors).toBeUndefined();
      expect(renamed.data?.updateImage?.image?.name).toBe(`after cut ${n}`);
    }
  });

  it('leaves an upload under way whole: it ends ACTIVE with all its bytes', { timeout: 30_000 }, async () => {
    const { id } = await createImage(server.alice);
    const held = await startSaving(server.alice, id, bytes(4096));
    await cutConnections();
    held.send(bytes(100));
    held.finish();
    expect((await held.response).status).toBe(204);
    expect((await server.alice.data(ImageDataDocument, { id })).image).toMatchObject({ status: 'ACTIVE', size: 4196 });
  });

  it('answers a request in flight at the cut with SERVICE_UNAVAILABLE, at once, then serves again', { timeout: 30_000 }, async () => {
    const { id } = await createImage(server.alice);
    const lock = await lockImageRow(id);
    try {
      const answer = server.alice.request(UpdateImageDocument, { input: { id, name: 'renamed' } });
      await untilWaitingForLock();
      await cutConnections(lock.pid);
      const { errors } = await answer;
      expect(errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(errors?.[0]?.message).toMatch(/database/);
      expect(JSON.stringify(errors)).not.toMatch(/\bat \S+:\d+/); // no stack
    } finally {
      await lock.release();
    }
    expect((await server.alice.mutate(UpdateImageDocument, { input: { id, name: 'renamed' } })).updateImage.image?.name).toBe('renamed');
  });

  it('puts an upload whose commit is in flight at the cut back to QUEUED, its answer SERVICE_UNAVAILABLE', { timeout: 30_000 }, async () => {
    const { id } = await createImage(server.alice);
    const held = await startSaving(server.alice, id, bytes(4096));
    const lock = await lockImageRow(id);
    try {
      held.finish();
      await untilWaitingForLock();
      await cutConnections(lock.pid);
    } finally {
      await lock.release();
    }
    const response = await held.response;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    await expect.poll(async () => (await server.alice.data(ImageDataDocument, { id })).image?.status, { timeout: 10_000, interval: 50 }).toBe('QUEUED');
  });
});
