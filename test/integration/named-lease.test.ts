// The named lease (what keeps the expired-task sweep to one process at a time on SQLite, and the readiness probe's
// write): of the processes on one database, one at a time holds it, until it lets go or stops renewing.
// Two connections to one real database stand for two server processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { acquireNamedLease, releaseNamedLease } from '../../src/domain/named-lease.js';
import { openDatabase, type Database } from '../../src/persistence/index.js';
import { useTestDatabase } from '../helpers/database.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-lease-'));
const config = () => loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url } });
let first: Database;
let second: Database;

beforeAll(async () => {
  first = await openDatabase(config());
  second = await openDatabase(config(), { migrate: false });
});
afterAll(async () => {
  await first.close();
  await second.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const a = { owner: 'process-a', seconds: 10 };
const b = { owner: 'process-b', seconds: 10 };

it('is held by one process at a time, renewed by its holder, free once released or lapsed', async () => {
  const now = new Date();
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  expect(await acquireNamedLease(first.orm.em.fork(), 'sweep', a, now)).toBe(true);
  expect(await acquireNamedLease(second.orm.em.fork(), 'sweep', b, now)).toBe(false);
  expect(await acquireNamedLease(first.orm.em.fork(), 'sweep', a, later(5))).toBe(true);
  // Renewed at +5 s, A holds it until +15 s.
  expect(await acquireNamedLease(second.orm.em.fork(), 'sweep', b, later(12))).toBe(false);

  await releaseNamedLease(first.orm.em.fork(), 'sweep', a);
  expect(await acquireNamedLease(second.orm.em.fork(), 'sweep', b, later(12))).toBe(true);
  expect(await acquireNamedLease(first.orm.em.fork(), 'sweep', a, later(13))).toBe(false);
  // B stops renewing: its lease lapses at +22 s.
  expect(await acquireNamedLease(first.orm.em.fork(), 'sweep', a, later(23))).toBe(true);
  expect(await acquireNamedLease(second.orm.em.fork(), 'sweep', b, later(24))).toBe(false);
});
