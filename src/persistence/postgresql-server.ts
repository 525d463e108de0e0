// Statements about a PostgreSQL server rather than one database (creating and dropping databases), which
// cannot run inside a transaction or through the ORM's migrations.
import { knex, type Knex } from '@mikro-orm/knex';

/** Runs `work` on one connection to the server `url` names, and closes it after. */
export async function onPostgresqlServer<T>(url: string, work: (db: Knex) => Promise<T>): Promise<T> {
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** The URL of database `name` on the same server, as the same user. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
