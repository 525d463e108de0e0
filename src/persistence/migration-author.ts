// Writes a new migration for the configured engine: the difference between the entities and a fresh database
// with every listed migration applied (a scratch file for SQLite, a scratch database on the configured
// PostgreSQL server). Run by developers (`npm run migration:create -- NAME`), never by the server.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import type { DatabaseLocation } from './database-location.js';
import { ormOptions } from './orm.js';
import { databaseUrlOn, onPostgresqlServer } from './postgresql-server.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface WrittenMigration {
  fileName: string;
  statements: string[];
}

export function createMigration(name: string, location: DatabaseLocation): Promise<WrittenMigration> {
  const scratchName = `glance_migration_${process.pid}`;
  if (location.engine === 'sqlite') {
    const path = join(tmpdir(), `${scratchName}.sqlite`);
    rmSync(path, { force: true });
    return diffAgainst({ engine: 'sqlite', path, name: path }, name).finally(() => rmSync(path, { force: true }));
  }
  return onPostgresqlServer(location.url, async (server) => {
    await server.raw('drop database if exists ??', [scratchName]);
    await server.raw('create database ??', [scratchName]);
    try {
      return await diffAgainst({ engine: 'postgresql', url: databaseUrlOn(location.url, scratchName), name: scratchName }, name);
    } finally {
      await server.raw('drop database if exists ?? with (force)', [scratchName]);
    }
  });
}

async function diffAgainst(scratch: DatabaseLocation, name: string): Promise<WrittenMigration> {
  const options = ormOptions(scratch);
  const path = join(MIGRATIONS_DIR, scratch.engine);
  const orm = await MikroORM.init<AbstractSqlDriver>({ ...options, migrations: { ...options.migrations, path, pathTs: path, snapshot: false } });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false, name);
    return { fileName: result.fileName, statements: result.diff.up };
  } finally {
    await orm.close(true);
  }
}
