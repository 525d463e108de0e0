// A real database (the engine of the test project) and a temp data dir, with a clock the test moves, and a helper to
// insert tasks.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/index.js';
import { openDatabase, Task, type Database } from '../../src/persistence/index.js';
import { createTestDatabase } from './database.js';
import { ManualClock } from './manual-clock.js';

export interface TaskDb {
  db: Database;
  config: Config;
  clock: ManualClock;
  insert(fields?: Partial<Task>): Promise<Task>;
  close(): Promise<void>;
}

export async function openTaskDb(overrides: Record<string, unknown> = {}): Promise<TaskDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glance-tasks-'));
  const database = await createTestDatabase();
  const config = loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url, ...overrides } });
  const clock = new ManualClock();
  const db = await openDatabase(config, { now: () => clock.now() });
  return {
    db,
    config,
    clock,
    async insert(fields = {}) {
      const em = db.orm.em.fork();
      const task = em.create(Task, {
        id: randomUUID(), type: 'import', status: 'pending', input: {}, result: null, message: '', owner: 'project-a',
        userId: null, imageId: null, expiresAt: null, createdAt: clock.now(), updatedAt: clock.now(), deletedAt: null, ...fields,
      });
      await em.flush();
      return task;
    },
    async close() {
      await db.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
