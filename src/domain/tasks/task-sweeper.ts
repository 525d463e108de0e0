// The server's sweeper: soft-deletes expired tasks every `task_sweep_interval` seconds, so expired rows leave the
// live indexes for every project (Glance only did this for the project that listed its own tasks).
import type { Logger } from 'pino';
import type { Orm } from '../../persistence/index.js';
import type { Clock } from '../clock.js';
import { softDeleteExpiredTasks } from './expired-task-removal.js';

export interface TaskSweeperDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  intervalSeconds: number;
}

export class TaskSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly deps: TaskSweeperDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.deps.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** One sweep now; a sweep already under way is joined rather than doubled. Never throws (it logs). */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async sweepOnce(): Promise<number> {
    try {
      const count = await softDeleteExpiredTasks(this.deps.orm.em.fork(), this.deps.clock.now());
      if (count > 0) this.deps.logger.info({ count }, 'soft-deleted expired tasks');
      return count;
    } catch (error) {
      this.deps.logger.error({ err: error }, 'task sweep failed; will retry at the next interval');
      return 0;
    }
  }
}
