// Writers that meet in the database (across processes: SQLite's lock or a PostgreSQL row lock waited for longer
// than the lock wait, a PostgreSQL deadlock or serialisation failure) are a conflict the client can retry, not a
// server fault.
import { DeadlockException, DriverException, LockWaitTimeoutException } from '@mikro-orm/core';
import { ConflictError } from './errors.js';

/** PostgreSQL's lock_not_available: lock_timeout passed while waiting for a row (MikroORM has no class for it). */
const LOCK_NOT_AVAILABLE = '55P03';

/** CONFLICT for an error of contention between writers; any other error as it is. */
export function contentionAsConflict(error: unknown): unknown {
  const lockTimeout = error instanceof DriverException && error.code === LOCK_NOT_AVAILABLE;
  if (lockTimeout || error instanceof LockWaitTimeoutException || error instanceof DeadlockException) {
    return new ConflictError('the database was busy with a conflicting change and this one could not wait; try again', { cause: error });
  }
  return error;
}
