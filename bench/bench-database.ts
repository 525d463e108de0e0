// The database a benchmark measures: the SQLite file of a fresh data dir, or a PostgreSQL database of its own on
// the server GLANCE_BENCH_DATABASE_URL names (else GLANCE_TEST_DATABASE_URL, else the local server), created for
// the run and dropped after it. Either way the data dir holds everything else a server keeps (image files, the
// JWT secret), and the real migrations are applied by whoever opens it first.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../src/config/index.js';
import { databaseUrlOn, onPostgresqlServer } from '../src/persistence/postgresql-server.js';

export type BenchEngine = 'sqlite' | 'postgresql';

export interface BenchDatabase {
  engine: BenchEngine;
  dataDir: string;
  /** database_url on PostgreSQL; null on SQLite (the file lives in the data dir). */
  url: string | null;
  /** The environment a server process needs to use this database (GLANCE_DATA_DIR, GLANCE_DATABASE_URL). */
  env: Record<string, string>;
  /** The configuration for this database, with `overrides` on top. */
  config(overrides?: Record<string, unknown>): Config;
  /** Drops the PostgreSQL database and removes the data dir. */
  drop(): Promise<void>;
}

/** The PostgreSQL server benchmarks create their databases on. */
export function benchPostgresqlServer(): string {
  return process.env.GLANCE_BENCH_DATABASE_URL ?? process.env.GLANCE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export async function createBenchDatabase(engine: BenchEngine, label = 'bench'): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `glance-${label}-`));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const config = (url: string | null) => (overrides: Record<string, unknown> = {}) =>
    loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: url, log_level: 'silent', ...overrides } });
  if (engine === 'sqlite') {
    return { engine, dataDir, url: null, env: { GLANCE_DATA_DIR: dataDir }, config: config(null), drop: async () => removeDataDir() };
  }
  const server = benchPostgresqlServer();
  const name = `glance_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onPostgresqlServer(server, (db) => db.raw('create database ??', [name]));
  const url = databaseUrlOn(server, name);
  return {
    engine,
    dataDir,
    url,
    env: { GLANCE_DATA_DIR: dataDir, GLANCE_DATABASE_URL: url },
    config: config(url),
    async drop() {
      await onPostgresqlServer(server, (db) => db.raw('drop database if exists ?? with (force)', [name]));
      removeDataDir();
    },
  };
}
