// The server's sweeper: soft-deletes expired tasks every `task_sweep_interval` seconds, so expired rows leave the
// live indexes for every project (Glance only did this for the project that listed its own tasks). With several
// processes on one database, one sweeps at a time: the one holding the sweep lease.
import type { Logger } from 'pino';
import type { Orm } from '../../persistence/index.js';
import type { Clock } from '../clock.js';
import { acquireNamedLease, releaseNamedLease } from '../named-lease.js';
import { PeriodicJob } from '../periodic-job.js';
import { keepRenewing, type LeaseHolder } from '../work-lease.js';
import { softDeleteExpiredTasks } from './expired-task-removal.js';

const SWEEP_LEASE = 'expired-task-sweep';

export interface TaskSweeperDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  lease: LeaseHolder;
  intervalSeconds: number;
}

export function createTaskSweeper({ orm, clock, logger, lease, intervalSeconds }: TaskSweeperDeps): PeriodicJob {
  const sweep = async () => {
    const em = orm.em.fork();
    if (!(await acquireNamedLease(em, SWEEP_LEASE, lease))) return; // another process is sweeping
    // A long sweep keeps its lease; were it lost, the batches are idempotent, so two sweepers only share the work.
    const renewal = keepRenewing(lease, () => acquireNamedLease(orm.em.fork(), SWEEP_LEASE, lease), () => undefined, logger);
    try {
      const count = await softDeleteExpiredTasks(em, clock.now());
      if (count > 0) logger.info({ count }, 'soft-deleted expired tasks');
    } finally {
      renewal.stop();
      await releaseNamedLease(em, SWEEP_LEASE, lease);
    }
  };
  return new PeriodicJob('task sweep', intervalSeconds, sweep, logger);
}
