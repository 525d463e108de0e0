// Task status moves and expiry. Every move is a conditional write, so two writers racing on one task (the
// executor and the recovery of a lapsed lease, say) cannot both win.
// Glance: glance/domain/__init__.py Task._validate_task_status_transition, Task.succeed, Task.fail
import type { ObjectQuery } from '@mikro-orm/core';
import type { Config } from '../../config/index.js';
import { Task, type EntityManager } from '../../persistence/index.js';
import { recordChange } from '../live/change-publication.js';
import { RELEASED } from '../work-lease.js';
import type { TaskStatus } from './task-values.js';

const NEXT_STATUSES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  pending: ['processing', 'failure'],
  processing: ['success', 'failure'],
  success: [],
  failure: [],
};

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** The statuses a task may be in to move to `to`. */
export function statusesBefore(to: TaskStatus): TaskStatus[] {
  return (Object.keys(NEXT_STATUSES) as TaskStatus[]).filter((from) => canMoveTask(from, to));
}

/** When a task that finished at `finishedAt` expires: `task_time_to_live` hours later (fractions allowed). */
export function expiryAt(finishedAt: Date, ttlHours: number): Date {
  return new Date(finishedAt.getTime() + Math.round(ttlHours * 3_600_000));
}

export interface TaskOutcome {
  result?: Record<string, unknown>;
  message?: string;
}

/**
 * Moves the task to `to` if it is still in a status that may move there (and still matches `onlyIf`); reaching SUCCESS or FAILURE also sets
 * `expiresAt`. Returns false when the task had already moved on (someone else decided its fate). A move is published once it commits.
 */
export async function moveTask(
  em: EntityManager,
  taskId: string,
  to: TaskStatus,
  now: Date,
  config: Pick<Config, 'task_time_to_live'>,
  outcome: TaskOutcome = {},
  onlyIf: ObjectQuery<Task> = {},
): Promise<boolean> {
  const finished = to === 'success' || to === 'failure';
  const changes = {
    status: to,
    updatedAt: now,
    // A finished task is nobody's work any more.
    ...(finished ? { expiresAt: expiryAt(now, config.task_time_to_live), ...RELEASED } : {}),
    ...outcome,
  };
  const changed = await em.nativeUpdate(Task, { ...onlyIf, id: taskId, status: { $in: statusesBefore(to) } }, changes, { filters: false });
  if (changed > 0) recordChange(em, { subject: 'task', kind: 'UPDATED', taskId });
  return changed > 0;
}
