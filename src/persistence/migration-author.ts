// Writes a new migration: the difference between the entities and a fresh database with every listed
// migration applied. Run by developers (`npm run migration:create -- NAME`), never by the server.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/sqlite';
import { ormOptions } from './orm.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations/sqlite');

export async function createMigration(name: string): Promise<{ fileName: string; statements: string[] }> {
  const scratch = join(tmpdir(), `glance-migration-${process.pid}.sqlite`);
  rmSync(scratch, { force: true });
  const options = ormOptions(scratch);
  const orm = await MikroORM.init({
    ...options,
    migrations: { ...options.migrations, path: MIGRATIONS_DIR, pathTs: MIGRATIONS_DIR, snapshot: false },
  });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false, name);
    return { fileName: result.fileName, statements: result.diff.up };
  } finally {
    await orm.close(true);
    rmSync(scratch, { force: true });
  }
}
