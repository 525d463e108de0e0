// How many live tasks (neither expired nor soft-deleted) are in each status, for the operator's metrics.
import { Task, type EntityManager } from '../../persistence/index.js';
import { TASK_STATUSES, type TaskStatus } from './task-values.js';

export async function countTasksByStatus(em: EntityManager): Promise<Record<TaskStatus, number>> {
  const counts = await Promise.all(TASK_STATUSES.map((status) => em.count(Task, { status })));
  return Object.fromEntries(TASK_STATUSES.map((status, index) => [status, counts[index]!])) as Record<TaskStatus, number>;
}
