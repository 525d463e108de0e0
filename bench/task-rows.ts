// Task rows for the task benchmarks, written by one bulk INSERT ... SELECT over a recursive counter after the real
// migrations (a million rows take seconds). Row n is created n seconds after BASE, owned by project-((n div 100) mod 10).
import { loadConfig } from '../src/config/index.js';
import { openDatabase } from '../src/persistence/index.js';

export const PROJECTS = 10;
const BASE = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/** What row n is: soft-deleted, expired but not yet swept, or live. */
export type RowKind = 'deleted' | 'expired' | 'live';

export interface TaskRowsSpec {
  rows: number;
  /** An SQL expression over `n` giving 'deleted', 'expired' or 'live' (e.g. `CASE WHEN n % 100 = 0 ...`). */
  kindOf: string;
}

/** Creates the data dir's database and fills `tasks`; returns the number of rows of each kind. */
export async function writeTaskRows(dataDir: string, { rows, kindOf }: TaskRowsSpec): Promise<Record<RowKind, number>> {
  const db = await openDatabase(loadConfig({ env: {}, overrides: { data_dir: dataDir } }));
  try {
    const knex = db.orm.em.getConnection().getKnex();
    const now = Date.now();
    await knex.raw('PRAGMA cache_size = -200000');
    await knex.transaction(async (tx) => {
      await tx.raw(
        `WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?),
              typed(n, kind) AS (SELECT n, ${kindOf} FROM seq)
         INSERT INTO tasks (id, type, status, input, result, message, owner, user_id, image_id, expires_at, created_at,
                            updated_at, deleted, deleted_at)
         SELECT printf('%08x-0000-4000-8000-%012x', n, n), 'import', CASE WHEN n % 7 = 0 THEN 'failure' ELSE 'success' END,
                '{"importFrom":"http://mirror.example/image.raw"}', '{}', '', 'project-' || ((n / 100) % ${PROJECTS}), 'user', NULL,
                CASE kind WHEN 'live' THEN ? ELSE ? END,
                ? + n * 1000, ? + n * 1000,
                CASE kind WHEN 'deleted' THEN 1 ELSE 0 END,
                CASE kind WHEN 'deleted' THEN ? ELSE NULL END
         FROM typed`,
        [rows - 1, now + 48 * HOUR, now - HOUR, BASE, BASE, now - HOUR],
      );
    });
    const counts = (await knex.raw(
      `SELECT SUM(deleted = 1) AS deleted, SUM(deleted = 0 AND expires_at <= ?) AS expired, SUM(deleted = 0 AND expires_at > ?) AS live FROM tasks`,
      [now, now],
    )) as { deleted: number; expired: number; live: number }[];
    return counts[0]!;
  } finally {
    await db.close();
  }
}
