// Taking back work whose process died: every process checks a few times per lease length for uploads and tasks
// whose lease lapsed, so a server killed mid-work (kill -9, a lost host) is repaired within one lease length
// by whichever process looks first.
import type { Logger } from 'pino';
import type { Orm } from '../persistence/index.js';
import type { FilesystemStore } from '../store/index.js';
import { recoverLapsedUploads } from './images/image-data-intake.js';
import { PeriodicJob } from './periodic-job.js';
import type { TaskExecutor } from './tasks/task-executor.js';
import type { LeaseHolder } from './work-lease.js';

/** Checks per lease length: a lease renewed every third of it lapses at most 2/3 after its holder died. */
const CHECKS_PER_LEASE = 4;

export interface WorkRecoveryDeps {
  orm: Orm;
  store: FilesystemStore;
  tasks: Pick<TaskExecutor, 'recoverLapsedTasks'>;
  lease: LeaseHolder;
  logger: Logger;
}

export function createWorkRecovery({ orm, store, tasks, lease, logger }: WorkRecoveryDeps): PeriodicJob {
  const recover = async () => {
    const now = new Date();
    const repaired = await recoverLapsedUploads(orm.em.fork(), store, now);
    if (repaired.length) logger.warn({ images: repaired }, 'uploads whose server stopped were undone; the images are QUEUED again');
    await tasks.recoverLapsedTasks(now);
  };
  return new PeriodicJob('recovery of interrupted work', lease.seconds / CHECKS_PER_LEASE, recover, logger);
}
