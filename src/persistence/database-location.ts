// Where this configuration keeps its data: `database_url`, or the SQLite file `<data_dir>/glance.sqlite`.
import { isAbsolute, resolve } from 'node:path';
import { parseDatabaseUrl, type Config } from '../config/index.js';

export type DatabaseLocation =
  | { engine: 'sqlite'; path: string; name: string }
  | { engine: 'postgresql'; url: string; name: string };

export function databaseOf(config: Config): DatabaseLocation {
  const parsed = config.database_url ? parseDatabaseUrl(config.database_url) : { engine: 'sqlite' as const, path: resolve(config.data_dir, 'glance.sqlite') };
  // The configuration schema refuses any other URL.
  if (!parsed) throw new Error(`database_url "${config.database_url}" names no database`);
  if (parsed.engine === 'postgresql') {
    return { engine: 'postgresql', url: parsed.url, name: `"${parsed.database}" on PostgreSQL at ${parsed.host}:${parsed.port}` };
  }
  const path = parsed.path === ':memory:' || isAbsolute(parsed.path) ? parsed.path : resolve(parsed.path);
  return { engine: 'sqlite', path, name: `SQLite file ${path}` };
}

/** The SQLite file path for this configuration (benchmarks read the file directly). */
export function sqlitePath(config: Config): string {
  const location = databaseOf(config);
  if (location.engine !== 'sqlite') throw new Error('database_url names a PostgreSQL database, not a SQLite file');
  return location.path;
}
