// `db:purge --older-than AGE` (glance-manage db purge) against data made through the API: images deleted longer
// ago go for good with their members, tags, properties and locations; newer ones stay; --dry-run only counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { signToken } from '../../src/http/auth.js';
import { startServer } from '../../src/http/start.js';
import { Image, ImageLocation, ImageMember, ImageProperty, ImageTag, openDatabase } from '../../src/persistence/index.js';
import { AddImageMemberDocument, DeleteImageDocument } from '../generated/operations.js';
import { runCli, SPAWN_TEST_TIMEOUT } from '../helpers/cli.js';
import { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { bytes, upload } from './image-data-fixtures.js';

const DAY = 86_400_000;
const dataDir = mkdtempSync(join(tmpdir(), 'glance-db-purge-'));
const config = loadConfig({ env: {}, overrides: { data_dir: dataDir, port: 0, log_level: 'silent' } });
const cli = (args: string[]) => runCli(args, { GLANCE_DATA_DIR: dataDir, GLANCE_LOG_LEVEL: 'warn' });
const images: Record<'old' | 'recent' | 'live', string> = { old: '', recent: '', live: '' };

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(config, { migrate: false });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Rows of each table that belong to `imageId`, soft-deleted ones included. */
const rowsOf = (imageId: string) =>
  withDb(async (db) => {
    const em = db.orm.em.fork();
    const where = { image: imageId };
    return {
      image: await em.count(Image, { id: imageId }, { filters: false }),
      members: await em.count(ImageMember, where, { filters: false }),
      tags: await em.count(ImageTag, where),
      properties: await em.count(ImageProperty, where),
      locations: await em.count(ImageLocation, where),
    };
  });

beforeAll(async () => {
  const server = await startServer(config);
  try {
    const alice = new GraphQLClient(server.url, await signToken(server.jwtSecret, { userId: 'alice', projectId: 'project-a', roles: ['member'], expiresIn: '1h' }));
    for (const name of ['old', 'recent', 'live'] as const) {
      const { id } = await createImage(alice, { name, tags: ['t1', 't2'], properties: [{ key: 'os_distro', value: 'cirros' }] });
      await alice.data(AddImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
      expect((await upload(alice, id, bytes(1000))).status).toBe(204);
      if (name !== 'live') await alice.data(DeleteImageDocument, { input: { id } });
      images[name] = id;
    }
  } finally {
    await server.close();
  }
  await withDb((db) => db.orm.em.fork().nativeUpdate(Image, { id: images.old }, { deletedAt: new Date(Date.now() - 40 * DAY) }, { filters: false }));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('db:purge', { timeout: SPAWN_TEST_TIMEOUT }, () => {
  it('--dry-run counts the image deleted more than AGE ago and removes nothing', async () => {
    const before = await rowsOf(images.old);
    const run = cli(['db:purge', '--older-than', '30d', '--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('deleted images (with their members, tags, properties and locations): 1 (dry run, nothing removed)');
    expect(await rowsOf(images.old)).toEqual(before);
  });

  it('removes that image with its members, tags, properties and locations, and keeps newer and live images', async () => {
    expect(await rowsOf(images.old)).toMatchObject({ image: 1, members: 1, tags: 2, properties: 1, locations: 1 });
    const recent = await rowsOf(images.recent);
    const live = await rowsOf(images.live);

    const run = cli(['db:purge', '--older-than', '30d']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toContain('deleted images (with their members, tags, properties and locations): 1');
    expect(run.stderr).toContain('deleted images (with their members, tags, properties and locations): 1/1');

    expect(await rowsOf(images.old)).toEqual({ image: 0, members: 0, tags: 0, properties: 0, locations: 0 });
    expect(await rowsOf(images.recent)).toEqual(recent);
    expect(await rowsOf(images.live)).toEqual(live);
  });
});
