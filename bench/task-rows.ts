// Task rows for the task benchmarks, written by one bulk INSERT ... SELECT over a counter (a recursive one on
// SQLite, generate_series on PostgreSQL) after the real migrations: a million rows take seconds. Row n is created n
// seconds after BASE, owned by project-((n div 100) mod 10).
import type { Config } from '../src/config/index.js';
import { databaseOf, openDatabase } from '../src/persistence/index.js';

export const PROJECTS = 10;
const BASE = new Date(Date.UTC(2026, 0, 1));
const HOUR = 3_600_000;

/** What row n is: soft-deleted, expired but not yet swept, or live. */
export type RowKind = 'deleted' | 'expired' | 'live';

export interface TaskRowsSpec {
  rows: number;
  /** An SQL expression over `n` giving 'deleted', 'expired' or 'live' (e.g. `CASE WHEN n % 100 = 0 ...`). */
  kindOf: string;
}

/** What the insert says differently on each engine: the counter, ids, time arithmetic and booleans. */
const DIALECTS = {
  sqlite: {
    counter: 'WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)',
    id: "printf('%08x-0000-4000-8000-%012x', n, n)",
    time: '?',
    secondsAfter: (base: string) => `${base} + n * 1000`,
    boolean: (value: boolean) => (value ? '1' : '0'),
  },
  postgresql: {
    counter: 'WITH seq(n) AS (SELECT generate_series(0, ?::int))',
    id: "lpad(to_hex(n), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0')",
    time: '?::timestamptz',
    secondsAfter: (base: string) => `${base} + n * interval '1 second'`,
    boolean: (value: boolean) => (value ? 'true' : 'false'),
  },
};

/** Fills `tasks` of the database `config` names (applying migrations first); returns the number of rows of each kind. */
export async function writeTaskRows(config: Config, { rows, kindOf }: TaskRowsSpec): Promise<Record<RowKind, number>> {
  const engine = databaseOf(config).engine;
  const sql = DIALECTS[engine];
  const db = await openDatabase(config);
  try {
    const knex = db.orm.em.getConnection().getKnex();
    const now = Date.now();
    if (engine === 'sqlite') await knex.raw('PRAGMA cache_size = -200000');
    await knex.transaction(async (tx) => {
      await tx.raw(
        `${sql.counter},
              typed(n, kind) AS (SELECT n, ${kindOf} FROM seq)
         INSERT INTO tasks (id, type, status, input, result, message, owner, user_id, image_id, expires_at, created_at,
                            updated_at, deleted, deleted_at)
         SELECT ${sql.id}, 'import', CASE WHEN n % 7 = 0 THEN 'failure' ELSE 'success' END,
                '{"importFrom":"http://mirror.example/image.raw"}', '{}', '', 'project-' || ((n / 100) % ${PROJECTS}), 'user', NULL,
                CASE kind WHEN 'live' THEN ${sql.time} ELSE ${sql.time} END,
                ${sql.secondsAfter(sql.time)}, ${sql.secondsAfter(sql.time)},
                CASE kind WHEN 'deleted' THEN ${sql.boolean(true)} ELSE ${sql.boolean(false)} END,
                CASE kind WHEN 'deleted' THEN ${sql.time} ELSE NULL END
         FROM typed`,
        // Dates, which each driver binds as its engine stores them.
        [rows - 1, new Date(now + 48 * HOUR), new Date(now - HOUR), BASE, BASE, new Date(now - HOUR)],
      );
    });
    // The table as autovacuum would soon leave it after a bulk insert: planner statistics (without them the admin's
    // list picked a plan 5x slower on the 99%-deleted table), and rows marked committed and all-visible, so the
    // measured reads do not write those marks themselves.
    if (engine === 'postgresql') await knex.raw('VACUUM ANALYZE tasks');
    const moment = new Date(now);
    const counts = (await knex('tasks').select(
      knex.raw('SUM(CASE WHEN deleted THEN 1 ELSE 0 END) AS deleted'),
      knex.raw('SUM(CASE WHEN NOT deleted AND expires_at <= ? THEN 1 ELSE 0 END) AS expired', [moment]),
      knex.raw('SUM(CASE WHEN NOT deleted AND expires_at > ? THEN 1 ELSE 0 END) AS live', [moment]),
    )) as Record<RowKind, number | string>[];
    const [row] = counts;
    return { deleted: Number(row!.deleted), expired: Number(row!.expired), live: Number(row!.live) };
  } finally {
    await db.close();
  }
}
