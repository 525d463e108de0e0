// image_size_cap and user_storage_quota stop an upload as soon as they are exceeded, and an interrupted upload
// (limit, shutdown) leaves the image QUEUED with no data.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer } from '../../src/http/start.js';
import { Image, openDatabase } from '../../src/persistence/index.js';
import { ImageDataDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { startTestServer, useTestServer } from '../helpers/server.js';
import { bytes, expectHttpError, heldUpload, startSaving, storeFiles, upload } from './image-data-fixtures.js';

const server = useTestServer({ image_size_cap: 4000, user_storage_quota: '6KB' });

const imageData = async (client: GraphQLClient, id: string) => (await client.data(ImageDataDocument, { id })).image!;
const filesOf = (id: string) => storeFiles(server.dataDir).filter((name) => name.includes(id));

describe('image_size_cap', () => {
  it('answers 413 while the client is still sending, and leaves the image QUEUED without data', async () => {
    const { id } = await createImage(server.bob);
    const held = heldUpload(server.bob, id);
    held.send(bytes(3000));
    held.send(bytes(3000));
    // The body is never finished: the answer must not wait for it.
    const response = await held.response;
    expect(await expectHttpError(response, 413, 'PAYLOAD_TOO_LARGE')).toMatch(/image_size_cap \(4000 bytes\)/);
    held.abort();
    expect(await imageData(server.bob, id)).toMatchObject({ status: 'QUEUED', size: null, checksum: null, locations: [] });
    expect(filesOf(id)).toEqual([]);
  });

  it('refuses an announced Content-Length above the cap before reading the body', async () => {
    const { id } = await createImage(server.bob);
    await expectHttpError(await upload(server.bob, id, bytes(4001)), 413, 'PAYLOAD_TOO_LARGE');
    expect((await imageData(server.bob, id)).status).toBe('QUEUED');
  });

  it('accepts data of exactly the cap', async () => {
    const { id } = await createImage(server.bob);
    expect((await upload(server.bob, id, bytes(4000))).status).toBe(204);
  });
});

describe('user_storage_quota', () => {
  it('counts the project’s stored bytes and stops the upload that would pass the quota', async () => {
    const { id: first } = await createImage(server.alice);
    expect((await upload(server.alice, first, bytes(4000))).status).toBe(204);
    const { id: second } = await createImage(server.alice);
    const held = heldUpload(server.alice, second);
    held.send(bytes(2000));
    held.send(bytes(1000));
    const message = await expectHttpError(await held.response, 413, 'PAYLOAD_TOO_LARGE');
    expect(message).toMatch(/project project-a has 6144 bytes of storage \(user_storage_quota\), 4000 are used/);
    held.abort();
    expect(await imageData(server.alice, second)).toMatchObject({ status: 'QUEUED', size: null });
    // The partial file goes as the upload unwinds, which may finish just after the answer was sent.
    await expect.poll(() => filesOf(second)).toEqual([]);
    // What is left of the quota still fits.
    expect((await upload(server.alice, second, bytes(2144))).status).toBe(204);
    // Another project has its own quota.
    const { id: other } = await createImage(server.bob);
    expect((await upload(server.bob, other, bytes(1000))).status).toBe(204);
  });
});

describe('shutdown', () => {
  it('interrupts a running upload: the image is QUEUED again and no data is left, before the database closes', async () => {
    const own = await startTestServer();
    const { alice: owner } = await own.personas();
    const { id } = await createImage(owner);
    await startSaving(owner, id);
    await own.server.close();
    const db = await openDatabase(own.server.config);
    try {
      const image = await db.orm.em.fork().findOneOrFail(Image, id);
      expect({ status: image.status, size: image.size }).toEqual({ status: 'queued', size: null });
    } finally {
      await db.close();
    }
    expect(storeFiles(own.dataDir)).toEqual([]);
    // The server starts again on the same data and takes a new upload.
    const again = await startServer(loadConfig({ overrides: { ...own.server.config } }));
    try {
      const response = await upload({ baseUrl: again.url, token: owner.token } as GraphQLClient, id, bytes(5));
      expect(response.status).toBe(204);
    } finally {
      await again.close();
      await own.database.drop();
      rmSync(own.dataDir, { recursive: true, force: true });
    }
  });
});

describe('client_socket_timeout', () => {
  it('closes an upload whose client stopped sending: the image is QUEUED again and no data is left', async () => {
    const own = await startTestServer({ client_socket_timeout: 1 });
    try {
      const { alice: owner } = await own.personas();
      const { id } = await createImage(owner);
      const stalled = await startSaving(owner, id);
      // Nothing more is sent: after a second of silence the server drops the connection.
      await expect(stalled.response).rejects.toThrow();
      await expect
        .poll(async () => (await owner.data(ImageDataDocument, { id })).image?.status, { timeout: 10_000, interval: 50 })
        .toBe('QUEUED');
      expect(storeFiles(own.dataDir)).toEqual([]);
      expect((await upload(owner, id, bytes(5))).status).toBe(204);
    } finally {
      await own.close();
    }
  });
});
