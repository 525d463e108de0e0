// Which database `database_url` names: a SQLite file (`sqlite:PATH`) or a PostgreSQL server
// (`postgresql://USER[:PASS]@HOST[:PORT]/DB`, also spelled `postgres://`).

export type DatabaseUrl =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgresql'; url: string; host: string; port: number; database: string };

const SQLITE_URL = /^sqlite:(?:\/\/)?(.+)$/;
const POSTGRESQL_PORT = 5432;

export const DATABASE_URL_FORMS = 'sqlite:PATH or postgresql://USER[:PASS]@HOST[:PORT]/DB';

/** The database `text` names, or null when it is neither form. */
export function parseDatabaseUrl(text: string): DatabaseUrl | null {
  const sqlite = SQLITE_URL.exec(text);
  if (sqlite) return { engine: 'sqlite', path: sqlite[1]! };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') return null;
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!url.username || !url.hostname || !database || database.includes('/')) return null;
  return { engine: 'postgresql', url: text, host: url.hostname, port: Number(url.port || POSTGRESQL_PORT), database };
}
