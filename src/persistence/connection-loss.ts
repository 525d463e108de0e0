// How a lost database connection shows itself: PostgreSQL restarting or an operator ending sessions, a server that
// does not answer, or a pooled connection that died while idle.
import { ConnectionException } from '@mikro-orm/core';

/** PostgreSQL's SQLSTATE classes of a lost session: 08 connection exception, 57P operator intervention (shutdown, restart). */
const CONNECTION_LOST_SQLSTATE = /^(08|57P)/;
/** Node's socket errors and the pg driver's own words for a connection that went away or never came. */
const CONNECTION_LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_LOST_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Knex: Timeout acquiring a connection)/;

export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  // MikroORM's exceptions copy the driver error's fields (code included); others name their cause.
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_LOST_SQLSTATE.test(code) || CONNECTION_LOST_ERRNO.has(code))) return true;
    if (CONNECTION_LOST_MESSAGE.test(cause.message)) return true;
  }
  return false;
}
