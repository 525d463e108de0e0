// The operator commands against a real database file: `tasks:purge-expired` soft-deletes expired tasks once,
// `tasks:purge-deleted --older-than AGE` removes long soft-deleted rows for good; --dry-run only counts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase, Task } from '../../src/persistence/index.js';
import { runCli, SPAWN_TEST_TIMEOUT } from '../helpers/cli.js';
import { useTestDatabase } from '../helpers/database.js';

const DAY = 86_400_000;
const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-task-cli-'));
const ago = (ms: number) => new Date(Date.now() - ms);

const cli = (args: string[]) => runCli(args, { ...database.env, GLANCE_DATA_DIR: dataDir, GLANCE_LOG_LEVEL: 'warn' });

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url } }));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const seeded: Record<string, string> = {};

beforeAll(() =>
  withDb(async (db) => {
    const em = db.orm.em.fork();
    const add = (name: string, fields: Partial<Task>) => {
      seeded[name] = randomUUID();
      em.create(Task, {
        id: seeded[name], type: 'import', status: 'success', input: {}, result: null, message: '', owner: 'p', userId: null,
        imageId: null, expiresAt: null, createdAt: ago(60 * DAY), updatedAt: ago(60 * DAY), deletedAt: null, ...fields,
      });
    };
    add('expired', { expiresAt: ago(DAY) });
    add('live', { expiresAt: new Date(Date.now() + DAY) });
    add('running', { status: 'processing' });
    add('deletedLongAgo', { expiresAt: ago(45 * DAY), deleted: true, deletedAt: ago(40 * DAY) });
    add('deletedRecently', { expiresAt: ago(15 * DAY), deleted: true, deletedAt: ago(10 * DAY) });
    await em.flush();
  }),
);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const rowsByName = () =>
  withDb(async (db) => {
    const rows = await db.orm.em.fork().find(Task, {}, { filters: false });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return Object.fromEntries(Object.entries(seeded).map(([name, id]) => [name, byId.get(id) ?? null]));
  });

describe('tasks:purge-expired', { timeout: SPAWN_TEST_TIMEOUT }, () => {
  it('with --dry-run counts the expired task and changes nothing', async () => {
    const run = cli(['tasks:purge-expired', '--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('expired tasks soft-deleted: 1 (dry run, nothing removed)');
    expect((await rowsByName()).expired).toMatchObject({ deleted: false });
  });

  it('soft-deletes the expired task only, says how many, and shows progress per batch on stderr', async () => {
    const run = cli(['tasks:purge-expired']);
    expect(run.stderr).toBe('expired tasks soft-deleted: 1/1\n');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('expired tasks soft-deleted: 1');
    const rows = await rowsByName();
    expect(rows.expired).toMatchObject({ deleted: true });
    expect(Math.abs(rows.expired!.deletedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect([rows.live?.deleted, rows.running?.deleted]).toEqual([false, false]);
  });
});

describe('tasks:purge-deleted', { timeout: SPAWN_TEST_TIMEOUT }, () => {
  it('removes rows soft-deleted longer ago than --older-than and keeps the rest', async () => {
    const run = cli(['tasks:purge-deleted', '--older-than', '30d']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('deleted tasks: 1');
    const rows = await rowsByName();
    expect(rows.deletedLongAgo).toBeNull();
    expect(rows.deletedRecently).toMatchObject({ deleted: true });
    expect(rows.expired).toMatchObject({ deleted: true });
    expect(rows.live).not.toBeNull();
  });

  it('refuses to run without a readable age', () => {
    const run = cli(['tasks:purge-deleted', '--older-than', 'a month']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/tasks:purge-deleted needs --older-than AGE, for example 30d/);
  });
});
