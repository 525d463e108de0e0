// The server's sweeper: soft-deletes expired tasks every `task_sweep_interval` seconds, so expired rows leave the
// live indexes for every project (Glance only did this for the project that listed its own tasks). With several
// processes on one database, one sweeps at a time (see exclusive-work.ts); the others skip their turn.
import type { Logger } from 'pino';
import type { Orm } from '../../persistence/index.js';
import type { Clock } from '../clock.js';
import type { ExclusiveWork } from '../exclusive-work.js';
import { PeriodicJob } from '../periodic-job.js';
import { softDeleteExpiredTasks } from './expired-task-removal.js';

export const SWEEP_WORK = 'expired-task-sweep';

export interface TaskSweeperDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  /** Held for SWEEP_WORK, so that processes sweep one at a time (the batches are idempotent all the same). */
  alone: ExclusiveWork;
  intervalSeconds: number;
}

export function createTaskSweeper({ orm, clock, logger, alone, intervalSeconds }: TaskSweeperDeps): PeriodicJob {
  const sweep = async () => {
    await alone.runAlone(async () => {
      const count = await softDeleteExpiredTasks(orm.em.fork(), clock.now());
      if (count > 0) logger.info({ count }, 'soft-deleted expired tasks');
    });
  };
  return new PeriodicJob('task sweep', intervalSeconds, sweep, logger);
}
