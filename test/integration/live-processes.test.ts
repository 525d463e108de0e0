// Live updates across processes: with `workers: 2` (the primary relays on SQLite, NOTIFY carries them on
// PostgreSQL) and, on PostgreSQL, two separate servers on one database: subscribe on one, change on the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageChangedDocument, UpdateImageDocument } from '../generated/operations.js';
import { SPAWN_TEST_TIMEOUT, spawnServe } from '../helpers/cli.js';
import { GraphQLClient } from '../helpers/client.js';
import { testEngine, useTestDatabase } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { liveSocket, record, settled } from '../helpers/live.js';
import { startTestServer } from '../helpers/server.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-live-workers-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('workers: 2', () => {
  it('delivers a change made through one worker to subscribers on both', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const serve = spawnServe({ ...database.env, GLANCE_DATA_DIR: dataDir, GLANCE_WORKERS: '2' });
    const sockets: ReturnType<typeof liveSocket>[] = [];
    try {
      const { url, adminToken } = await serve.ready;
      const admin = new GraphQLClient(url, adminToken);
      const image = await createImage(admin, { name: 'before' });
      // Each WebSocket is a connection of its own, which the cluster hands to the workers in turn.
      sockets.push(...[1, 2, 3, 4].map(() => liveSocket(url, adminToken)));
      const subscriptions = sockets.map((socket) => record(socket, ImageChangedDocument, { id: image.id }));
      await Promise.all(sockets.map(settled));
      await admin.mutate(UpdateImageDocument, { input: { id: image.id, name: 'after' } });
      for (const subscription of subscriptions) {
        const [change] = await subscription.received(1);
        expect(change!.data?.imageChanged).toMatchObject({ kind: 'UPDATED', image: { name: 'after' } });
      }
    } finally {
      await Promise.all(sockets.map((socket) => socket.dispose()));
      await serve.stop('SIGKILL');
    }
  });
});

describe.runIf(testEngine() === 'postgresql')('two servers on one PostgreSQL database', () => {
  it('delivers a change made on server A to a subscriber of server B (NOTIFY)', async () => {
    const a = await startTestServer();
    const b = await startTestServer({ database_url: a.server.config.database_url, data_dir: a.dataDir });
    const socket = liveSocket(b.url, await b.token('alice', 'project-a', ['member']));
    try {
      const alice = await a.as('alice', 'project-a', ['member']);
      const image = await createImage(alice, { name: 'on A' });
      const changes = record(socket, ImageChangedDocument, { id: image.id });
      await settled(socket);
      await alice.mutate(UpdateImageDocument, { input: { id: image.id, name: 'changed on A' } });
      const [change] = await changes.received(1);
      expect(change!.data?.imageChanged).toMatchObject({ kind: 'UPDATED', image: { name: 'changed on A' } });
    } finally {
      await socket.dispose();
      await b.close();
      await a.close();
    }
  });
});
