// A PostgreSQL session-level advisory lock, taken on a connection of its own for as long as some work runs.
// Session-level rather than transaction-level (pg_try_advisory_xact_lock): the work commits batch by batch, each
// in its own short transaction, and one transaction held open around all of them would sit "idle in transaction"
// for the whole sweep. A session's locks end with the session, so closing the connection is the release, and a
// process that dies (kill -9) or loses its connection frees the lock without anyone's help.
import pg from 'pg';
import { POSTGRESQL_CONNECT_TIMEOUT_MS } from './engines.js';

/**
 * Runs `work` while this process holds the advisory lock `name` of the database at `url`; answers false at once,
 * without running it, when another session holds it.
 */
export async function whileAdvisoryLocked(url: string, name: string, work: () => Promise<void>): Promise<boolean> {
  // The session is named so that an operator sees in pg_stat_activity which process holds the lock.
  const session = new pg.Client({ connectionString: url, connectionTimeoutMillis: POSTGRESQL_CONNECT_TIMEOUT_MS, application_name: `glance-graphql ${name} (pid ${process.pid})` });
  // A session cut while the work runs (a PostgreSQL restart) has lost the lock; the work's own statements fail
  // or finish, and the next run takes the lock again.
  session.on('error', () => undefined);
  await session.connect();
  try {
    const { rows } = await session.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [name]);
    if (!rows[0]!.locked) return false;
    await work();
    return true;
  } finally {
    await session.end().catch(() => undefined);
  }
}
