// A server killed mid-upload (kill -9: no shutdown code runs) leaves the image SAVING and a partial file; the next
// start puts the image back to QUEUED and removes the partial data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { signToken } from '../../src/http/auth.js';
import { Image, openDatabase } from '../../src/persistence/index.js';
import { ImageDataDocument } from '../generated/operations.js';
import { SPAWN_TEST_TIMEOUT, spawnServe, type ServeProcess } from '../helpers/cli.js';
import { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { bytes, startSaving, storeFiles, upload } from './image-data-fixtures.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const dataDir = mkdtempSync(join(tmpdir(), 'glance-crash-'));
const servers: ServeProcess[] = [];
// Every server has exited before its data dir goes.
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop('SIGKILL')));
  rmSync(dataDir, { recursive: true, force: true });
});

/** `glance-graphql serve` as its own process, and the URL it prints once it listens. */
async function serve(): Promise<ServeProcess & { url: string }> {
  const server = spawnServe({ GLANCE_DATA_DIR: dataDir, GLANCE_JWT_SECRET: SECRET, GLANCE_LOG_LEVEL: 'error' });
  servers.push(server);
  return { ...server, url: (await server.ready).url };
}

async function statusInDatabase(id: string): Promise<string> {
  const db = await openDatabase(loadConfig({ env: {}, overrides: { data_dir: dataDir } }), { migrate: false });
  try {
    return (await db.orm.em.fork().findOneOrFail(Image, id)).status;
  } finally {
    await db.close();
  }
}

describe('a server killed during an upload', () => {
  it('repairs the image at its next start: QUEUED, no size, no partial file', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const token = await signToken(new TextEncoder().encode(SECRET), { userId: 'alice', projectId: 'project-a', roles: ['member'], expiresIn: '1h' });
    const first = await serve();
    const alice = new GraphQLClient(first.url, token);
    const { id } = await createImage(alice);
    const held = await startSaving(alice, id, bytes(64 * 1024));
    const partialFiles = () => storeFiles(dataDir).filter((name) => name.startsWith(`.partial/${id}.`)).length;
    await expect.poll(partialFiles, { timeout: 10_000, interval: 20 }).toBe(1);

    await first.stop('SIGKILL');
    held.abort();
    expect(await statusInDatabase(id)).toBe('saving');

    const second = await serve();
    const again = new GraphQLClient(second.url, token);
    expect((await again.data(ImageDataDocument, { id })).image).toMatchObject({ status: 'QUEUED', size: null, checksum: null });
    expect(storeFiles(dataDir)).toEqual([]);
    expect((await upload(again, id, bytes(100))).status).toBe(204);
    await second.stop('SIGTERM');
  });
});
