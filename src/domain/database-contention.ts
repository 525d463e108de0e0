// Database failures a client can do something about. Writers that meet in the database (across processes:
// SQLite's lock or a PostgreSQL row lock waited for longer than the lock wait, a PostgreSQL deadlock or
// serialisation failure) are a conflict the client can retry. A connection lost under a statement (PostgreSQL
// restarting, or an operator ending sessions) or a server that does not answer is the database being unavailable
// for a moment: the pool replaces the connection by itself, and the client may try again. Neither is a server fault.
import { DeadlockException, DriverException, LockWaitTimeoutException } from '@mikro-orm/core';
import { isConnectionLoss } from '../persistence/index.js';
import { ConflictError, DatabaseUnavailableError } from './errors.js';

/** PostgreSQL's lock_not_available: lock_timeout passed while waiting for a row (MikroORM has no class for it). */
const LOCK_NOT_AVAILABLE = '55P03';
/** CONFLICT for an error of contention between writers, SERVICE_UNAVAILABLE for a lost database; any other error as it is. */
export function databaseFailureForClient(error: unknown): unknown {
  const lockTimeout = error instanceof DriverException && error.code === LOCK_NOT_AVAILABLE;
  if (lockTimeout || error instanceof LockWaitTimeoutException || error instanceof DeadlockException) {
    return new ConflictError('the database was busy with a conflicting change and this one could not wait; try again', { cause: error });
  }
  if (isConnectionLoss(error)) return new DatabaseUnavailableError('the connection to the database was lost during this request (is it restarting?); try again', { cause: error });
  return error;
}
