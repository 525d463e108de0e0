// Whether this process can serve: the database answers and accepts a write. A full disk lets reads through while
// every change fails, which a load balancer should see as not ready.
import type { Orm } from '../persistence/index.js';
import { acquireNamedLease, releaseNamedLease } from './named-lease.js';
import type { LeaseHolder } from './work-lease.js';

export async function isReady(orm: Orm, holder: LeaseHolder): Promise<boolean> {
  if (!(await orm.isConnected())) return false;
  // A committed write and its removal, under a name of this process's own so that processes never contend.
  const em = orm.em.fork();
  const probe = `readiness-probe:${holder.owner}`;
  try {
    await acquireNamedLease(em, probe, holder);
    await releaseNamedLease(em, probe, holder);
    return true;
  } catch {
    return false;
  }
}
