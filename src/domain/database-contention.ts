// Writers that meet in the database (across processes: SQLite's lock waited for longer than busy_timeout, a
// PostgreSQL deadlock or serialisation failure) are a conflict the client can retry, not a server fault.
import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import { ConflictError } from './errors.js';

/** CONFLICT for an error of contention between writers; any other error as it is. */
export function contentionAsConflict(error: unknown): unknown {
  if (error instanceof LockWaitTimeoutException || error instanceof DeadlockException) {
    return new ConflictError('the database was busy with a conflicting change and this one could not wait; try again', { cause: error });
  }
  return error;
}
