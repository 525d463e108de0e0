// Listing and showing tasks: the caller's project's tasks (every project's for an admin). The liveTasks filter
// on the entity already hides soft-deleted and expired rows from every query here.
// Glance: glance/db/sqlalchemy/api.py task_get_all, _task_get (non-admins see only their project's tasks)
import type { Config } from '../../config/index.js';
import { Task, type EntityManager } from '../../persistence/index.js';
import type { Identity } from '../identity.js';
import { findPage, type Page, type PageRequest } from '../pagination.js';
import type { TaskSortField, TaskStatus, TaskType } from './task-values.js';
import { isUuid } from '../images/image-validation.js';

export interface TaskListFilter {
  type?: TaskType | null;
  status?: readonly TaskStatus[] | null;
}

export interface TaskListRequest extends PageRequest<TaskSortField> {
  filter?: TaskListFilter | null;
}

export type TaskPage = Page<Task>;

type Condition = Record<string, unknown>;

/** Which tasks the caller may see at all. */
function ownerScope(identity: Identity): Condition {
  return identity.isAdmin ? {} : { owner: identity.projectId };
}

export function findTask(em: EntityManager, identity: Identity, id: string): Promise<Task | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return em.findOne(Task, { id: id.toLowerCase(), ...ownerScope(identity) });
}

export function listTasks(em: EntityManager, identity: Identity, config: Config, request: TaskListRequest): Promise<TaskPage> {
  const conditions: Condition[] = [ownerScope(identity)];
  const { type, status } = request.filter ?? {};
  if (type) conditions.push({ type });
  if (status?.length) conditions.push({ status: { $in: status } });
  return findPage(em, Task, conditions, request, config);
}
