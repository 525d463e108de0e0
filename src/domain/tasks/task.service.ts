// Task operations for one caller: show, list, create (an import), and soft-deleting expired tasks on demand.
// Glance: glance/api/v2/tasks.py TasksController, glance/domain/__init__.py TaskFactory.new_task
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/index.js';
import { Task, type EntityManager } from '../../persistence/index.js';
import type { Access } from '../image-access.js';
import type { Clock } from '../clock.js';
import { ForbiddenError } from '../errors.js';
import type { ImageService } from '../images/image.service.js';
import type { Page } from '../pagination.js';
import { heldBy, type LeaseHolder } from '../work-lease.js';
import { checkImportInput, type ImportTaskInput } from './import-input.js';
import { findTask, listTasks, type TaskListRequest } from './task-list.js';
import { softDeleteExpiredTasks } from './expired-task-removal.js';
import type { TaskType } from './task-values.js';

/** Where accepted tasks go to be run (the executor inside the server). */
export interface TaskQueue {
  enqueue(taskId: string): void;
}

export interface TaskServiceDeps {
  em: EntityManager;
  config: Config;
  access: Access;
  clock: Clock;
  images: ImageService;
  queue: TaskQueue;
  /** This process's claim: an accepted task is this process's to run until it finishes or its lease lapses. */
  lease: LeaseHolder;
}

export interface CreateTaskRequest {
  type: TaskType;
  input: ImportTaskInput;
}

export class TaskService {
  constructor(private readonly deps: TaskServiceDeps) {}

  /** The task, or null when it does not exist, is another project's (for non-admins), expired or deleted. */
  find(id: string): Promise<Task | null> {
    return findTask(this.deps.em, this.deps.access.identity, id);
  }

  list(request: TaskListRequest): Promise<Page<Task>> {
    return listTasks(this.deps.em, this.deps.access.identity, this.deps.config, request);
  }

  /**
   * Accepts an import: checks the URL and the image fields, creates the image (QUEUED) and the PENDING task in one
   * transaction, then hands the task to the executor.
   */
  async create({ type, input }: CreateTaskRequest): Promise<Task> {
    const { em, config, access, clock, images, queue, lease } = this.deps;
    const { identity } = access;
    if (identity.projectId === null) throw new ForbiddenError('tasks belong to a project, and this token names none');
    const imageFields = await checkImportInput(input, config);
    await em.begin();
    try {
      const image = await images.create(imageFields);
      const now = clock.now();
      const task = em.create(Task, {
        id: randomUUID(),
        type,
        status: 'pending',
        input: { importFrom: input.importFrom, importFromFormat: input.importFromFormat, imageProperties: input.imageProperties },
        result: null,
        message: '',
        owner: identity.projectId,
        userId: identity.userId,
        imageId: image.id,
        expiresAt: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        ...heldBy(lease),
      });
      await em.commit();
      queue.enqueue(task.id);
      return task;
    } catch (error) {
      await em.rollback();
      throw error;
    }
  }

  /** Soft-deletes every expired task now; returns how many. */
  purgeExpired(): Promise<number> {
    return softDeleteExpiredTasks(this.deps.em, this.deps.clock.now());
  }
}
