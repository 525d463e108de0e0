// What the purge commands remove, step by step, each counted first (for progress and --dry-run) and removed in
// batches like the task sweep. db:purge is glance-manage db purge: rows soft-deleted longer ago than a cutoff go
// for good; deleted images take their members, tags, properties and locations with them (the foreign keys
// cascade), and removed members and locations of images that remain, and deleted tasks, go too.
// Glance: glance/db/sqlalchemy/api.py purge_deleted_rows
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { Image, ImageLocation, ImageMember, type EntityManager } from '../persistence/index.js';
import {
  countDeletedTasks, countExpiredTasks, inBatches, purgeDeletedTasks, softDeleteExpiredTasks, SWEEP_BATCH_SIZE, type BatchListener,
} from './tasks/expired-task-removal.js';

export interface PurgeStep {
  /** What the step removes, as the command line names it. */
  readonly what: string;
  /** How many rows remove() would take for `cutoff` (now, for the expired-task step). */
  count(em: EntityManager, cutoff: Date): Promise<number>;
  remove(em: EntityManager, cutoff: Date, onBatch?: BatchListener): Promise<number>;
}

/** Soft-deletes the tasks expired at the cutoff, as the sweeper does. */
export const EXPIRED_TASKS: PurgeStep = {
  what: 'expired tasks soft-deleted',
  count: countExpiredTasks,
  remove: (em, now, onBatch) => softDeleteExpiredTasks(em, now, SWEEP_BATCH_SIZE, onBatch),
};

/** A step removing the rows of `entity` that `condition` picks for a cutoff. */
function purgeOf<T extends object>(what: string, entity: EntityName<T>, condition: (cutoff: Date) => FilterQuery<T>): PurgeStep {
  return {
    what,
    count: (em, cutoff) => em.count(entity, condition(cutoff), { filters: false }),
    remove: (em, cutoff, onBatch) =>
      inBatches(SWEEP_BATCH_SIZE, onBatch, async () => {
        const batch = em.createQueryBuilder(entity).select('id').where(condition(cutoff)).limit(SWEEP_BATCH_SIZE);
        // MikroORM accepts a knex sub-select in $in; its filter types do not say so.
        return em.nativeDelete(entity, { id: { $in: batch.getKnexQuery() } } as unknown as FilterQuery<T>, { filters: false });
      }),
  };
}

export const DELETED_TASKS: PurgeStep = {
  what: 'deleted tasks',
  count: countDeletedTasks,
  remove: (em, cutoff, onBatch) => purgeDeletedTasks(em, cutoff, SWEEP_BATCH_SIZE, onBatch),
};

export const DB_PURGE_STEPS: readonly PurgeStep[] = [
  purgeOf('deleted images (with their members, tags, properties and locations)', Image, (cutoff) => ({ deleted: true, deletedAt: { $lt: cutoff } })),
  purgeOf('removed image members', ImageMember, (cutoff) => ({ deleted: true, deletedAt: { $lt: cutoff } })),
  purgeOf('removed image locations', ImageLocation, (cutoff) => ({ status: 'deleted', updatedAt: { $lt: cutoff } })),
  DELETED_TASKS,
];
