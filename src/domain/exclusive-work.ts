// Work at most one process of the service does at a time (the expired-task sweep), whichever host it runs on.
// On PostgreSQL it runs under an advisory lock, which the server itself frees when the holder's session ends (its
// process died); on SQLite, which has no such lock, under a named lease in the database, renewed while the work
// runs and taken over by another process once it lapses.
import type { Logger } from 'pino';
import { whileAdvisoryLocked, type DatabaseLocation, type Orm } from '../persistence/index.js';
import { acquireNamedLease, releaseNamedLease } from './named-lease.js';
import { keepRenewing, type LeaseHolder } from './work-lease.js';

export interface ExclusiveWork {
  /** Runs `work` unless another process is running it now; answers whether it ran. */
  runAlone(work: () => Promise<void>): Promise<boolean>;
}

export interface ExclusiveWorkDeps {
  location: DatabaseLocation;
  orm: Orm;
  lease: LeaseHolder;
  logger: Logger;
}

export function exclusiveWork(name: string, { location, orm, lease, logger }: ExclusiveWorkDeps): ExclusiveWork {
  if (location.engine === 'postgresql') return { runAlone: (work) => whileAdvisoryLocked(location.url, `glance-graphql:${name}`, work) };
  return {
    async runAlone(work) {
      if (!(await acquireNamedLease(orm.em.fork(), name, lease))) return false;
      // Were the lease lost during long work, a second process would only share it: the work must be idempotent.
      const renewal = keepRenewing(lease, () => acquireNamedLease(orm.em.fork(), name, lease), () => undefined, logger);
      try {
        await work();
        return true;
      } finally {
        renewal.stop();
        await releaseNamedLease(orm.em.fork(), name, lease);
      }
    },
  };
}
