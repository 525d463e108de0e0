// The expired-task sweep on PostgreSQL, with two real server processes on one database: it runs under an
// advisory lock, so one process sweeps at a time, and a sweeper killed with kill -9 frees the lock by its death
// (PostgreSQL ends its session) for the other process, which finishes the sweep. (On SQLite a lease stands in for
// the lock; named-lease.test.ts covers it.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgresqlServer } from '../../src/persistence/postgresql-server.js';
import { SPAWN_TEST_TIMEOUT, spawnServe, type ServeProcess } from '../helpers/cli.js';
import { testEngine, useTestDatabase } from '../helpers/database.js';

const EXPIRED_TASKS = 100_000;
const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-sweep-lock-'));
const servers: ServeProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop('SIGKILL')));
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<ServeProcess> {
  const serve = spawnServe({
    ...database.env,
    GLANCE_DATA_DIR: dataDir,
    GLANCE_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
    GLANCE_LOG_LEVEL: 'error',
    GLANCE_TASK_SWEEP_INTERVAL: '0.2',
  });
  servers.push(serve);
  await serve.ready;
  return serve;
}

/** Runs `sql` on the test database, on a connection of the test's own. */
async function query<T>(sql: string, bindings: number[] = []): Promise<T[]> {
  return ((await onPostgresqlServer(database.url!, (db) => db.raw(sql, bindings))) as { rows: T[] }).rows;
}

/** The server process ids whose sessions hold an advisory lock on the test database now (their sessions are named after them). */
async function lockHolders(): Promise<number[]> {
  const rows = await query<{ application_name: string }>(
    `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and a.datname = current_database()`,
  );
  return rows.map((row) => Number(/\(pid (\d+)\)/.exec(row.application_name)?.[1]));
}

const expiredLeft = async () =>
  Number((await query<{ count: string }>('select count(*) from tasks where not deleted and expires_at <= now()'))[0]!.count);

describe.skipIf(testEngine() !== 'postgresql')('the expired-task sweep on PostgreSQL, two server processes', () => {
  it('is run by one process at a time, and a killed sweeper is taken over by the other', { timeout: 2 * SPAWN_TEST_TIMEOUT }, async () => {
    const [a, b] = [await startServer(), await startServer()];
    const byPid = new Map(servers.map((server) => [server.pid, server]));
    await query(
      `insert into tasks (id, type, status, input, result, message, owner, user_id, image_id, expires_at, created_at, updated_at, deleted)
       select md5(n::text)::uuid::text, 'import', 'success', '{}', '{}', '', 'project-a', 'user', null, now() - interval '1 hour', now(), now(), false
       from generate_series(1, ?) as n`,
      [EXPIRED_TASKS],
    );

    // Both servers try every 0.2 s; sample who holds the lock until one does.
    const seen: number[][] = [];
    let holder: number | undefined;
    await expect.poll(async () => {
      const holders = await lockHolders();
      seen.push(holders);
      holder = holders[0];
      return holders.length;
    }, { timeout: 30_000, interval: 20 }).toBe(1);
    expect([a!.pid, b!.pid]).toContain(holder);
    const sweeper = byPid.get(holder!)!;
    const other = sweeper === a ? b! : a!;
    // Mid-sweep: rows are left, and the other process, trying all along, has not taken the lock.
    for (let n = 0; n < 5; n += 1) seen.push(await lockHolders());
    expect(await expiredLeft()).toBeGreaterThan(0);

    await sweeper.stop('SIGKILL');
    await expect.poll(lockHolders, { timeout: 30_000, interval: 20 }).toEqual([other.pid]);
    await expect.poll(expiredLeft, { timeout: 60_000, interval: 200 }).toBe(0);
    // Never two holders at once, and none but the two servers.
    expect(seen.filter((holders) => holders.length > 1)).toEqual([]);
    expect(new Set(seen.flat())).toEqual(new Set([sweeper.pid]));
  });
});
