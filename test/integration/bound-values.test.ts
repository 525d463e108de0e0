// Every value reaches the database as a binding, never as SQL text, sub-selects included (issue 15, defect 2).
// The image list's member and tag sub-selects are called through the domain with values no request could send
// (the API refuses a NUL), since the fix must not depend on that refusal. A real database, no server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, createRequestServices, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createIdentity } from '../../src/domain/identity.js';
import { Image, ImageMember, ImageTag } from '../../src/persistence/index.js';
import { testEngine, useTestDatabase } from '../helpers/database.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-bound-values-'));
let app: App;

// Quotes, a backslash, a question mark (a placeholder to a careless binder), a comment and a PostgreSQL
// parameter marker, each of which an inliner has to escape.
const ODD = `o'dd\\"? -- $1 ;`;

beforeAll(async () => {
  app = await createApp(loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url } }), { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A SHARED image of project-a, with `memberId` an accepted member and `tag` one of its tags. */
async function sharedImage(memberId: string, tag: string): Promise<string> {
  const em = app.db.orm.em.fork();
  const image = em.create(Image, {
    id: crypto.randomUUID(), name: 'shared', visibility: 'shared', owner: 'project-a', diskFormat: null, containerFormat: null,
    size: null, virtualSize: null, checksum: null, osHashAlgo: null, osHashValue: null, deletedAt: null,
  });
  em.create(ImageMember, { image, memberId, status: 'accepted', deleted: false, deletedAt: null });
  em.create(ImageTag, { image, value: tag });
  await em.flush();
  return image.id;
}

/** The ids a member of `projectId` lists, with `tag` as a filter when given. */
async function listedBy(projectId: string, tag?: string): Promise<string[]> {
  const { images } = createRequestServices(app, createIdentity('user', projectId, ['member']));
  const page = await images.list({ filter: tag ? { tags: [tag] } : {} });
  return page.edges.map((edge) => edge.node.id);
}

/** The statements (text and bindings) the database driver is handed while `work` runs. */
async function statementsDuring(work: () => Promise<unknown>): Promise<{ sql: string; bindings: unknown[] }[]> {
  const driver = app.db.orm.em.getDriver();
  const knexes = new Set([driver.getConnection('write').getKnex(), driver.getConnection('read').getKnex()]);
  const seen: { sql: string; bindings: unknown[] }[] = [];
  const record = (query: { sql: string; bindings?: unknown[] }) => seen.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knexes.forEach((knex) => knex.on('query', record));
  try {
    await work();
  } finally {
    knexes.forEach((knex) => knex.off('query', record));
  }
  return seen;
}

it('sends the values of the list’s member and tag sub-selects as bindings, and finds the image by them', async () => {
  const project = `project-${ODD}`;
  const tag = `tag-${ODD}`;
  const id = await sharedImage(project, tag);
  let listed: string[] = [];
  const statements = await statementsDuring(async () => {
    listed = await listedBy(project, tag);
  });
  expect(listed).toEqual([id]);
  // The list's statement holds both sub-selects' values; no statement holds any of them in its text (an inliner
  // escapes quotes and backslashes, not the tail).
  expect(statements.some(({ bindings }) => bindings.includes(project) && bindings.includes(tag))).toBe(true);
  for (const { sql } of statements) expect(sql).not.toContain('-- $1 ;');
});

it.runIf(testEngine() === 'sqlite')('lists an image shared with a project whose name holds a NUL (it cut the inlined statement short)', async () => {
  // PostgreSQL cannot store a NUL in text at all; the API refuses one before it reaches either engine.
  const project = 'pN\u0000x';
  const id = await sharedImage(project, 'plain');
  expect(await listedBy(project)).toEqual([id]);
  expect(await listedBy('pN')).toEqual([]);
});
