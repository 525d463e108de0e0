// Database failures a client can do something about. Writers that meet in the database (across processes:
// SQLite's lock or a PostgreSQL row lock waited for longer than the lock wait, a PostgreSQL deadlock or
// serialisation failure) are a conflict the client can retry. A connection lost under a statement (PostgreSQL
// restarting, or an operator ending sessions) or a server that does not answer is the database being unavailable
// for a moment: the pool replaces the connection by itself, and the client may try again. Neither is a server fault.
import { ConnectionException, DeadlockException, DriverException, LockWaitTimeoutException } from '@mikro-orm/core';
import { ConflictError, DatabaseUnavailableError } from './errors.js';

/** PostgreSQL's lock_not_available: lock_timeout passed while waiting for a row (MikroORM has no class for it). */
const LOCK_NOT_AVAILABLE = '55P03';
/** PostgreSQL's SQLSTATE classes of a lost session: 08 connection exception, 57P operator intervention (shutdown, restart). */
const CONNECTION_LOST_SQLSTATE = /^(08|57P)/;
/** Node's socket errors and the pg driver's own words for a connection that went away or never came. */
const CONNECTION_LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_LOST_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Knex: Timeout acquiring a connection)/;

/** CONFLICT for an error of contention between writers, SERVICE_UNAVAILABLE for a lost database; any other error as it is. */
export function databaseFailureForClient(error: unknown): unknown {
  const lockTimeout = error instanceof DriverException && error.code === LOCK_NOT_AVAILABLE;
  if (lockTimeout || error instanceof LockWaitTimeoutException || error instanceof DeadlockException) {
    return new ConflictError('the database was busy with a conflicting change and this one could not wait; try again', { cause: error });
  }
  if (connectionLost(error)) return new DatabaseUnavailableError('the connection to the database was lost during this request (is it restarting?); try again', { cause: error });
  return error;
}

function connectionLost(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  // MikroORM's exceptions copy the driver error's fields (code included); others name their cause.
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_LOST_SQLSTATE.test(code) || CONNECTION_LOST_ERRNO.has(code))) return true;
    if (CONNECTION_LOST_MESSAGE.test(cause.message)) return true;
  }
  return false;
}
