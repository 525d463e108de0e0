import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAge, purgeDeletedTasks, softDeleteExpiredTasks } from '../../src/domain/tasks/expired-task-removal.js';
import { Task } from '../../src/persistence/index.js';
import { openTaskDb, type TaskDb } from '../helpers/task-db.js';

let t: TaskDb;
beforeEach(async () => {
  t = await openTaskDb();
});
afterEach(() => t.close());

const at = (iso: string) => new Date(iso);
const allRows = () => t.db.orm.em.fork().find(Task, {}, { filters: false, orderBy: { createdAt: 'asc' } });

describe('the liveTasks filter', () => {
  it('hides soft-deleted tasks and tasks whose expiry has passed, by the clock, before any sweep', async () => {
    const running = await t.insert({ status: 'processing' });
    const expiresSoon = await t.insert({ status: 'success', expiresAt: at('2026-01-01T01:00:00Z') });
    await t.insert({ status: 'failure', expiresAt: at('2026-01-03T00:00:00Z'), deleted: true, deletedAt: at('2026-01-01T00:00:00Z') });
    const visibleIds = async () => (await t.db.orm.em.fork().find(Task, {}, { orderBy: { createdAt: 'asc' } })).map((task) => task.id).sort();

    expect(await visibleIds()).toEqual([running.id, expiresSoon.id].sort());
    t.clock.set(at('2026-01-01T00:59:59.999Z'));
    expect(await visibleIds()).toContain(expiresSoon.id);
    t.clock.set(at('2026-01-01T01:00:00Z'));
    expect(await visibleIds()).toEqual([running.id]);
    expect(await t.db.orm.em.fork().count(Task)).toBe(1);
    expect(await t.db.orm.em.fork().findOne(Task, expiresSoon.id)).toBeNull();
  });
});

describe('softDeleteExpiredTasks', () => {
  it('flags exactly the live tasks whose expiry is at or before now, in as many batches as it takes', async () => {
    for (let i = 0; i < 7; i += 1) await t.insert({ status: 'success', expiresAt: at('2026-01-01T10:00:00Z') });
    const later = await t.insert({ status: 'failure', expiresAt: at('2026-01-01T10:00:00.001Z') });
    const running = await t.insert({ status: 'pending' });
    const now = at('2026-01-01T10:00:00Z');

    expect(await softDeleteExpiredTasks(t.db.orm.em.fork(), now, 3)).toBe(7);
    const rows = await allRows();
    const deleted = rows.filter((row) => row.deleted);
    expect(deleted).toHaveLength(7);
    expect(deleted.every((row) => row.deletedAt?.getTime() === now.getTime())).toBe(true);
    expect(rows.find((row) => row.id === later.id)?.deleted).toBe(false);
    expect(rows.find((row) => row.id === running.id)?.deleted).toBe(false);
    expect(await softDeleteExpiredTasks(t.db.orm.em.fork(), now, 3)).toBe(0);
  });
});

describe('purgeDeletedTasks', () => {
  it('removes rows soft-deleted before the cutoff and keeps newer and live ones', async () => {
    const old = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5; i += 1) await t.insert({ status: 'success', deleted: true, deletedAt: old, expiresAt: old });
    const recent = await t.insert({ status: 'success', deleted: true, deletedAt: at('2026-01-20T00:00:00Z'), expiresAt: old });
    const live = await t.insert({ status: 'pending' });

    expect(await purgeDeletedTasks(t.db.orm.em.fork(), at('2026-01-10T00:00:00Z'), 2)).toBe(5);
    expect((await allRows()).map((row) => row.id).sort()).toEqual([recent.id, live.id].sort());
  });
});

describe('parseAge', () => {
  it('reads days, hours, minutes and seconds, and nothing else', () => {
    expect(parseAge('30d')).toBe(30 * 86_400_000);
    expect(parseAge('12h')).toBe(12 * 3_600_000);
    expect(parseAge('1.5m')).toBe(90_000);
    expect(parseAge('45s')).toBe(45_000);
    for (const bad of ['', '30', 'd', 'a month', '-1d', '30 days']) expect(parseAge(bad)).toBeNull();
  });
});
