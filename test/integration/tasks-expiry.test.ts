// Expiry and soft delete as clients see them, with the server's clock moved by the test (no waiting):
// an expired task vanishes from task, tasks and pagination before any sweep; a soft-deleted one stays gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, GetTaskDocument, ListTasksDocument, PurgeExpiredTasksDocument } from '../generated/operations.js';
import { Task } from '../../src/persistence/index.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { startTestServer, useTestServer } from '../helpers/server.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

const START = '2026-05-01T00:00:00.000Z';
const clock = new ManualClock(START);
let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());
const server = useTestServer(() => sourceConfig(source, { task_time_to_live: 2 }), { clock });

/** Five finished tasks, oldest first: task i finished at START + 10 min × i and expires 2 h later. */
const ids: string[] = [];

const at = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000);
const listIds = async (first: number, after?: string) => {
  const { tasks } = await server.admin.data(ListTasksDocument, { first, after });
  return { ids: tasks.edges.map((edge) => edge.node.id), pageInfo: tasks.pageInfo, cursors: tasks.edges.map((edge) => edge.cursor) };
};
const allPages = async (first: number) => {
  const seen: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listIds(first, after);
    seen.push(...page.ids);
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor!;
  }
};
const rows = () => server.server.db.orm.em.fork().find(Task, { id: { $in: ids } }, { filters: false });

beforeAll(async () => {
  for (let i = 0; i < 5; i += 1) {
    clock.set(at(10 * i));
    const { task } = (await server.admin.mutate(CreateTaskDocument, { input: importInput(source.url('/image.raw')) })).createTask;
    expect((await finishedTask(server.admin, task.id)).status).toBe('SUCCESS');
    ids.push(task.id);
  }
});

describe('task expiry', () => {
  it('sets expiresAt to the moment the task finished plus task_time_to_live hours', async () => {
    clock.set(at(40));
    const task = (await server.admin.data(GetTaskDocument, { id: ids[1]! })).task!;
    expect(task.updatedAt).toBe(at(10).toISOString());
    expect(task.expiresAt).toBe(at(130).toISOString());
  });

  it('keeps a task until the instant its expiresAt is reached, then hides it from task and tasks', async () => {
    clock.set(new Date(at(120).getTime() - 1));
    expect((await server.admin.data(GetTaskDocument, { id: ids[0]! })).task?.id).toBe(ids[0]);
    expect((await listIds(50)).ids).toContain(ids[0]);

    clock.set(at(120));
    expect((await server.admin.data(GetTaskDocument, { id: ids[0]! })).task).toBeNull();
    expect((await listIds(50)).ids).toEqual([ids[4], ids[3], ids[2], ids[1]]);
    // Nothing was swept: the row is still there, only hidden.
    expect((await rows()).filter((row) => row.deleted)).toHaveLength(0);
  });

  it('leaves expired tasks out of every page and cursor', async () => {
    clock.set(at(40));
    const before = await listIds(2);
    expect(before.ids).toEqual([ids[4], ids[3]]);
    const cursorAtTask2 = (await listIds(3)).cursors[2]!;

    clock.set(at(135)); // tasks 0 and 1 have expired
    expect(await allPages(2)).toEqual([ids[4], ids[3], ids[2]]);
    const first = await listIds(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await listIds(2, first.pageInfo.endCursor!);
    expect(second).toMatchObject({ ids: [ids[2]], pageInfo: { hasNextPage: false } });
    // A cursor handed out before the expiry does not bring expired tasks back.
    expect((await listIds(10, cursorAtTask2)).ids).toEqual([]);
    expect((await listIds(10, before.pageInfo.endCursor!)).ids).toEqual([ids[2]]);
  });
});

describe('purgeExpiredTasks and soft-deleted tasks', () => {
  it('soft-deletes exactly the expired tasks, once, keeping the rows', async () => {
    clock.set(at(135));
    expect((await server.admin.mutate(PurgeExpiredTasksDocument)).purgeExpiredTasks.softDeletedCount).toBe(2);
    expect((await server.admin.mutate(PurgeExpiredTasksDocument)).purgeExpiredTasks.softDeletedCount).toBe(0);
    const byId = new Map((await rows()).map((row) => [row.id, row]));
    expect([0, 1, 2, 3, 4].map((i) => byId.get(ids[i]!)?.deleted)).toEqual([true, true, false, false, false]);
    expect(byId.get(ids[0]!)?.deletedAt?.toISOString()).toBe(at(135).toISOString());
  });

  it('never returns a soft-deleted task again, even at a time before it expired', async () => {
    clock.set(at(45));
    expect((await server.admin.data(GetTaskDocument, { id: ids[0]! })).task).toBeNull();
    expect(await allPages(1)).toEqual([ids[4], ids[3], ids[2]]);
  });
});

describe('the sweeper', () => {
  it('soft-deletes expired tasks by itself every task_sweep_interval seconds', async () => {
    const sweepClock = new ManualClock(START);
    const swept = await startTestServer(sourceConfig(source, { task_time_to_live: 1, task_sweep_interval: 0.05 }), {}, sweepClock);
    try {
      const { admin: sweptAdmin } = await swept.personas();
      const { task } = (await sweptAdmin.mutate(CreateTaskDocument, { input: importInput(source.url('/image.raw')) })).createTask;
      await finishedTask(sweptAdmin, task.id);
      const deleted = async () => (await swept.server.db.orm.em.fork().findOneOrFail(Task, task.id, { filters: false })).deleted;
      expect(await deleted()).toBe(false);
      sweepClock.advance({ hours: 1 });
      await expect.poll(deleted, { timeout: 5_000, interval: 25 }).toBe(true);
    } finally {
      await swept.close();
    }
  });
});
