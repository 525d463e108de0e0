// Removing expired tasks: soft delete (the sweeper, `tasks:purge-expired`, `purgeExpiredTasks`) and the hard
// delete of long soft-deleted rows (`tasks:purge-deleted`). Both work in bounded batches, each its own short
// write, so task queries keep answering between batches.
// Glance: glance/db/sqlalchemy/api.py _task_soft_delete, purge_deleted_rows
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FilterQuery } from '@mikro-orm/core';
import { Task, type EntityManager } from '../../persistence/index.js';

export const SWEEP_BATCH_SIZE = 2000;

// The batch sub-selects are query builders, which skip the entity's liveTasks filter (no applyFilters()): they
// have to reach expired and soft-deleted rows, so they state their own conditions.

/** Marks every task whose expiry is at or before `now` as deleted; returns how many it marked. */
export function softDeleteExpiredTasks(em: EntityManager, now: Date, batchSize = SWEEP_BATCH_SIZE, onBatch?: BatchListener): Promise<number> {
  return inBatches(batchSize, onBatch, async () => {
    const batch = em.createQueryBuilder(Task).select('id').where({ deleted: false, expiresAt: { $lte: now } }).limit(batchSize);
    return em.nativeUpdate(Task, idIn(batch.getKnexQuery()), { deleted: true, deletedAt: now }, { filters: false });
  });
}

/** How many tasks softDeleteExpiredTasks would mark at `now`. */
export function countExpiredTasks(em: EntityManager, now: Date): Promise<number> {
  return em.count(Task, { deleted: false, expiresAt: { $lte: now } }, { filters: false });
}

/** Deletes for good the tasks soft-deleted before `cutoff`; returns how many rows it removed. */
export function purgeDeletedTasks(em: EntityManager, cutoff: Date, batchSize = SWEEP_BATCH_SIZE, onBatch?: BatchListener): Promise<number> {
  return inBatches(batchSize, onBatch, async () => {
    const batch = em.createQueryBuilder(Task).select('id').where({ deleted: true, deletedAt: { $lt: cutoff } }).limit(batchSize);
    return em.nativeDelete(Task, idIn(batch.getKnexQuery()), { filters: false });
  });
}

/** How many tasks purgeDeletedTasks would remove for `cutoff`. */
export function countDeletedTasks(em: EntityManager, cutoff: Date): Promise<number> {
  return em.count(Task, { deleted: true, deletedAt: { $lt: cutoff } }, { filters: false });
}

/** Told the running total after each batch (the command line shows it as progress). */
export type BatchListener = (doneSoFar: number) => void;

/** Runs `runBatch` until a batch comes back smaller than `batchSize`; returns the rows all batches touched. */
export async function inBatches(batchSize: number, onBatch: BatchListener | undefined, runBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await runBatch();
    total += count;
    onBatch?.(total);
    if (count < batchSize) return total;
    // Give queued queries the connection before the next batch.
    await nextTurn();
  }
}

/** `id IN (sub-select)`; MikroORM accepts a knex query there, its filter types do not say so. */
function idIn(subSelect: unknown): FilterQuery<Task> {
  return { id: { $in: subSelect } } as FilterQuery<Task>;
}

const AGE_UNITS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** An age such as `30d`, `12h`, `90m` or `45s` in milliseconds; null when the text is not one. */
export function parseAge(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)([dhms])$/.exec(text.trim());
  return match ? Number(match[1]) * AGE_UNITS[match[2]!]! : null;
}
