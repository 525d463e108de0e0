import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { canMoveTask, expiryAt, moveTask, statusesBefore } from '../../src/domain/tasks/task-lifecycle.js';
import { TASK_STATUSES } from '../../src/domain/tasks/task-values.js';
import { Task } from '../../src/persistence/index.js';
import { openTaskDb, type TaskDb } from '../helpers/task-db.js';

describe('task status machine', () => {
  it('moves only forward: pending → processing → success | failure, and pending → failure', () => {
    const allowed = TASK_STATUSES.flatMap((from) => TASK_STATUSES.filter((to) => canMoveTask(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['pending→processing', 'pending→failure', 'processing→success', 'processing→failure']);
    expect(statusesBefore('failure')).toEqual(['pending', 'processing']);
    expect(statusesBefore('pending')).toEqual([]);
  });
});

describe('expiryAt', () => {
  const finished = new Date('2026-03-01T12:00:00.000Z');

  it('adds task_time_to_live hours to the moment the task finished', () => {
    expect(expiryAt(finished, 48).toISOString()).toBe('2026-03-03T12:00:00.000Z');
  });

  it('accepts fractions of an hour (0.001 h is 3.6 s)', () => {
    expect(expiryAt(finished, 0.001).getTime() - finished.getTime()).toBe(3600);
    expect(expiryAt(finished, 1.5).toISOString()).toBe('2026-03-01T13:30:00.000Z');
  });

  it('gives a real date for the longest task_time_to_live the configuration accepts', () => {
    const longest = loadConfig({ env: { GLANCE_TASK_TIME_TO_LIVE: '87600' } }).task_time_to_live;
    expect(expiryAt(finished, longest).toISOString()).toBe('2036-02-27T12:00:00.000Z');
  });
});

describe('moveTask', () => {
  let t: TaskDb;
  beforeEach(async () => {
    t = await openTaskDb({ task_time_to_live: 2 });
  });
  afterEach(() => t.close());

  const load = (id: string) => t.db.orm.em.fork().findOneOrFail(Task, id, { filters: false });

  it('sets expiresAt from the clock when a task finishes, and not before', async () => {
    const task = await t.insert();
    t.clock.advance({ hours: 1 });
    expect(await moveTask(t.db.orm.em.fork(), task.id, 'processing', t.clock.now(), t.config)).toBe(true);
    expect((await load(task.id)).expiresAt).toBeNull();
    t.clock.advance({ hours: 1 });
    expect(await moveTask(t.db.orm.em.fork(), task.id, 'success', t.clock.now(), t.config, { result: { imageId: 'x' } })).toBe(true);
    const done = await load(task.id);
    expect(done.status).toBe('success');
    expect(done.result).toEqual({ imageId: 'x' });
    expect(done.updatedAt.toISOString()).toBe('2026-01-01T02:00:00.000Z');
    expect(done.expiresAt?.toISOString()).toBe('2026-01-01T04:00:00.000Z');
  });

  it('refuses a move the status machine does not allow, leaving the task as it was', async () => {
    const task = await t.insert({ status: 'success' });
    expect(await moveTask(t.db.orm.em.fork(), task.id, 'failure', t.clock.now(), t.config, { message: 'late' })).toBe(false);
    expect(await moveTask(t.db.orm.em.fork(), task.id, 'processing', t.clock.now(), t.config)).toBe(false);
    const unchanged = await load(task.id);
    expect(unchanged.status).toBe('success');
    expect(unchanged.message).toBe('');
  });

  it('lets only one of two racing writers finish a task', async () => {
    const task = await t.insert({ status: 'processing' });
    const results = await Promise.all([
      moveTask(t.db.orm.em.fork(), task.id, 'success', t.clock.now(), t.config),
      moveTask(t.db.orm.em.fork(), task.id, 'failure', t.clock.now(), t.config, { message: 'interrupted' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
