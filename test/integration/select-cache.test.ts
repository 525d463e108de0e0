// Selects kept per statement shape (src/persistence/select-cache.ts) answer as the query builder would, on each
// engine: with each request's own values, never a value frozen from an earlier request.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Image, selectRows, Task, type EntityManager } from '../../src/persistence/index.js';
import { openTaskDb, type TaskDb } from '../helpers/task-db.js';

let t: TaskDb;
const NEWEST_FIRST = [{ createdAt: 'desc' }, { id: 'desc' }];

beforeAll(async () => {
  t = await openTaskDb();
  const em = t.db.orm.em.fork();
  for (const [owner, size] of [['project-a', 10], ['project-a', 2000], ['project-b', 30], ['project-c', 4000]] as const) {
    em.create(Image, { id: randomUUID(), owner, size, name: `${owner}-${size}`, createdAt: new Date(), updatedAt: new Date() });
  }
  await em.flush();
});
afterAll(() => t.close());

/** Image names selected under `where` on a new request's entity manager, and whether the select was built anew. */
async function imageNames(where: Record<string, unknown>[]): Promise<{ names: string[]; built: boolean }> {
  const em = t.db.orm.em.fork() as EntityManager;
  const builder = vi.spyOn(em, 'createQueryBuilder');
  const rows = await selectRows(em, Image, where, NEWEST_FIRST, 10);
  return { names: rows.map((row) => row.name!).sort(), built: builder.mock.calls.length > 0 };
}

describe('selects kept per shape', () => {
  it('answers a shape asked again with that request’s values, without building it again', async () => {
    await imageNames([{ owner: 'project-z' }]);
    expect(await imageNames([{ owner: 'project-a' }])).toEqual({ names: ['project-a-10', 'project-a-2000'], built: false });
    expect(await imageNames([{ owner: 'project-b' }])).toEqual({ names: ['project-b-30'], built: false });
    expect(await imageNames([{ owner: { $in: ['project-b', 'project-c'] } }])).toMatchObject({ names: ['project-b-30', 'project-c-4000'] });
    // A list of another length is another shape.
    expect(await imageNames([{ owner: { $in: ['project-a', 'project-b', 'project-c'] } }])).toMatchObject({ names: ['project-a-10', 'project-a-2000', 'project-b-30', 'project-c-4000'], built: true });
  });

  it('builds every time a shape whose value the builder converts (a 64-bit size), and answers by each value', async () => {
    expect(await imageNames([{ size: { $gte: 1000 } }])).toEqual({ names: ['project-a-2000', 'project-c-4000'], built: true });
    expect(await imageNames([{ size: { $gte: 3000 } }])).toEqual({ names: ['project-c-4000'], built: true });
  });

  it('never keeps a select whose filter reads the clock: a task that expired meanwhile is not returned', async () => {
    const task = await t.insert({ expiresAt: new Date(t.clock.now().getTime() + 60_000) });
    const liveTaskIds = async () => (await selectRows(t.db.orm.em.fork() as EntityManager, Task, [{ owner: 'project-a' }], NEWEST_FIRST, 10)).map((row) => row.id);
    expect(await liveTaskIds()).toContain(task.id);
    expect(await liveTaskIds()).toContain(task.id);
    t.clock.advance({ ms: 120_000 });
    expect(await liveTaskIds()).not.toContain(task.id);
  });
});
