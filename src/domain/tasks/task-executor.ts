// The executor inside each server process: runs the tasks this process accepted, a few at a time, holding their
// leases while it has them; fails them as interrupted when it stops; and takes back tasks whose process died
// (their lease lapsed), from any process.
// Glance: glance/async_/taskflow_executor.py TaskExecutor (one engine per task, failures recorded on the task)
import type { ObjectQuery } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { Image, Task, type Orm } from '../../persistence/index.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { heldBy, keepRenewing, lapsedBy, type Renewal } from '../work-lease.js';
import { discardImportImage, runImport, type ImportDeps } from './import-runner.js';
import { moveTask } from './task-lifecycle.js';
import type { TaskQueue } from './task.service.js';

/** Imports running at once; more wait, in the order they were accepted, leased to this process. */
const MAX_CONCURRENT_TASKS = 2;

export const INTERRUPTED_MESSAGE =
  'interrupted: the server stopped before this task finished; no image was kept, create a new task to try again';

export interface TaskExecutorDeps extends Omit<ImportDeps, 'em'> {
  orm: Orm;
  clock: Clock;
  logger: Logger;
}

export class TaskExecutor implements TaskQueue {
  private readonly waiting: string[] = [];
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private stopping = false;
  private readonly renewal: Renewal;

  constructor(private readonly deps: TaskExecutorDeps) {
    this.renewal = keepRenewing(deps.lease, () => this.renewLeases(), () => undefined, deps.logger);
  }

  /** Takes a task accepted by this process (created holding this process's lease). */
  enqueue(taskId: string): void {
    if (this.stopping) return; // Still PENDING; its lease lapses and any process records it as interrupted.
    this.waiting.push(taskId);
    this.startWaiting();
  }

  /**
   * Takes back tasks whose process died: every PENDING or PROCESSING task whose lease lapsed fails as interrupted
   * and its unfinished image is deleted (a task cut off in the instant between its image becoming ACTIVE and its
   * own success is recorded as the success it was). Safe in every process at once. Returns how many it failed.
   */
  async recoverLapsedTasks(now = new Date()): Promise<number> {
    const { orm, clock, config, logger } = this.deps;
    const em = orm.em.fork();
    const lapsed = lapsedBy(now);
    const stranded = await em.find(Task, { status: { $in: ['pending', 'processing'] }, ...lapsed }, { filters: false, fields: ['id', 'imageId'] });
    let failed = 0;
    for (const { id, imageId } of stranded) {
      const complete = imageId ? await em.count(Image, { id: imageId, status: 'active' }) : 0;
      if (complete) await moveTask(em, id, 'success', clock.now(), config, { result: { imageId } }, lapsed);
      else if (await this.fail(id, imageId, INTERRUPTED_MESSAGE, lapsed)) failed += 1;
    }
    if (failed > 0) logger.warn({ count: failed }, 'tasks whose server stopped before they finished were marked failed');
    return failed;
  }

  /** Stops taking work, cancels running imports (they fail as interrupted) and fails the ones still waiting. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.renewal.stop();
    const waiting = this.waiting.splice(0);
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map(({ done }) => done));
    const em = this.deps.orm.em.fork();
    const tasks = await em.find(Task, { id: { $in: waiting } }, { filters: false, fields: ['id', 'imageId'] });
    for (const { id, imageId } of tasks) await this.fail(id, imageId, INTERRUPTED_MESSAGE);
  }

  /** Renews the lease on every task this process holds; the tasks stay its own whatever the answer. */
  private async renewLeases(): Promise<boolean> {
    const mine = [...this.waiting, ...this.running.keys()];
    if (mine.length === 0) return true;
    const { orm, lease } = this.deps;
    await orm.em.fork().nativeUpdate(Task, { id: { $in: mine }, leaseOwner: lease.owner }, heldBy(lease), { filters: false });
    return true;
  }

  private startWaiting(): void {
    while (this.running.size < MAX_CONCURRENT_TASKS && this.waiting.length > 0) {
      const taskId = this.waiting.shift()!;
      const abort = new AbortController();
      const done = this.execute(taskId, abort.signal)
        .catch((error: unknown) => this.deps.logger.error({ err: error, taskId }, 'could not record the outcome of a task'))
        .finally(() => {
          this.running.delete(taskId);
          this.startWaiting();
        });
      this.running.set(taskId, { abort, done });
    }
  }

  private async execute(taskId: string, signal: AbortSignal): Promise<void> {
    const { orm, config, clock, logger } = this.deps;
    const em = orm.em.fork();
    const task = await em.findOne(Task, taskId, { filters: false });
    const mine = { leaseOwner: this.deps.lease.owner };
    if (!task || !(await moveTask(em, taskId, 'processing', clock.now(), config, {}, mine))) return;
    try {
      const imageId = await runImport({ ...this.deps, em }, task, signal);
      await moveTask(em, taskId, 'success', clock.now(), config, { result: { imageId } });
    } catch (error) {
      const message = signal.aborted ? INTERRUPTED_MESSAGE : failureMessage(error, logger, taskId);
      await this.fail(taskId, task.imageId, message);
    }
  }

  /**
   * FAILURE with `message` (if the task still matches `onlyIf`), and the task's unfinished image deleted; false
   * when the task had already finished.
   */
  private async fail(taskId: string, imageId: string | null, message: string, onlyIf: ObjectQuery<Task> = {}): Promise<boolean> {
    const { orm, clock, config, store } = this.deps;
    const now = clock.now();
    // One transaction, so no reader sees the task FAILED while its half-made image still exists.
    const { failed, discarded } = await orm.em.fork().transactional(async (tx) => {
      const moved = await moveTask(tx, taskId, 'failure', now, config, { message }, onlyIf);
      return { failed: moved, discarded: moved && imageId !== null && (await discardImportImage(tx, imageId, now)) };
    });
    if (discarded) await store.removeLeftovers(imageId!);
    return failed;
  }
}

/** Domain errors carry a message meant for the user; anything else is our fault and goes to the log instead. */
function failureMessage(error: unknown, logger: Logger, taskId: string): string {
  if (error instanceof DomainError) return error.message;
  logger.error({ err: error, taskId }, 'import task failed unexpectedly');
  return 'the import failed because of an internal error; an operator can find the details in the server log';
}
