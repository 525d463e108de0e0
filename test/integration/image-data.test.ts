// Uploading and downloading image data over PUT/GET /v2/images/{id}/file against the real server and store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeactivateImageDocument, DeleteImageDocument, ImageDataDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, expectHttpError, md5, sha512, startSaving, storeFiles, upload } from './image-data-fixtures.js';

const server = useTestServer();

const imageData = async (client: GraphQLClient, id: string) => (await client.data(ImageDataDocument, { id })).image!;

describe('upload', () => {
  it('stores the bytes, makes the image ACTIVE with size, md5 checksum and sha512 hash equal to node:crypto’s', async () => {
    const { id } = await createImage(server.alice);
    const data = bytes(300_000);
    const response = await upload(server.alice, id, data);
    expect(response.status).toBe(204);
    expect(await imageData(server.alice, id)).toMatchObject({
      status: 'ACTIVE', size: data.length, checksum: md5(data), osHashAlgo: 'sha512', osHashValue: sha512(data), file: `/v2/images/${id}/file`,
    });
    expect(storeFiles(server.dataDir)).toContain(id);
    expect(storeFiles(server.dataDir).filter((name) => name.startsWith('.partial/'))).toEqual([]);
  });

  it('accepts an empty upload as zero bytes of data', async () => {
    const { id } = await createImage(server.alice);
    expect((await upload(server.alice, id, Buffer.alloc(0))).status).toBe(204);
    expect(await imageData(server.alice, id)).toMatchObject({ status: 'ACTIVE', size: 0, checksum: md5(Buffer.alloc(0)) });
  });

  it('answers 415 to any other content type, and changes nothing', async () => {
    const { id } = await createImage(server.alice);
    await expectHttpError(await upload(server.alice, id, '{}', { 'content-type': 'application/json' }), 415, 'BAD_USER_INPUT');
    expect((await imageData(server.alice, id)).status).toBe('QUEUED');
  });

  it('needs a valid token (401), a visible image (404) and the upload_image policy (403)', async () => {
    const { id } = await createImage(server.alice);
    await expectHttpError(await upload({ baseUrl: server.url, token: null } as GraphQLClient, id, 'x'), 401, 'UNAUTHENTICATED');
    await expectHttpError(await upload({ baseUrl: server.url, token: 'nonsense' } as GraphQLClient, id, 'x'), 401, 'UNAUTHENTICATED');
    await expectHttpError(await upload(server.bob, id, 'x'), 404, 'NOT_FOUND');
    await expectHttpError(await upload(server.alice, '00000000-0000-4000-8000-000000000000', 'x'), 404, 'NOT_FOUND');
    expect(await expectHttpError(await upload(server.reader, id, 'x'), 403, 'FORBIDDEN')).toMatch(/upload_image/);
    expect((await imageData(server.alice, id)).status).toBe('QUEUED');
  });

  it('needs both formats set (400) and leaves the image QUEUED', async () => {
    const { id } = await createImage(server.alice, { diskFormat: null, containerFormat: null });
    expect(await expectHttpError(await upload(server.alice, id, 'data'), 400, 'BAD_USER_INPUT')).toMatch(/diskFormat and containerFormat/);
    expect((await imageData(server.alice, id)).status).toBe('QUEUED');
  });

  it('answers 409 CONFLICT to an image that is not QUEUED, naming its status', async () => {
    const { id } = await createImage(server.alice);
    await upload(server.alice, id, 'first');
    expect(await expectHttpError(await upload(server.alice, id, 'second'), 409, 'CONFLICT')).toMatch(/ACTIVE/);
    await server.alice.mutate(DeactivateImageDocument, { input: { id } });
    expect(await expectHttpError(await upload(server.admin, id, 'third'), 409, 'CONFLICT')).toMatch(/DEACTIVATED/);
  });

  it('lets only one of two concurrent uploads in: the second meets a SAVING image (409)', async () => {
    const { id } = await createImage(server.alice);
    const first = await startSaving(server.alice, id);
    expect(await expectHttpError(await upload(server.alice, id, 'second'), 409, 'CONFLICT')).toMatch(/SAVING/);
    first.send(Buffer.from('rest'));
    first.finish();
    expect((await first.response).status).toBe(204);
    expect((await imageData(server.alice, id)).size).toBe(1024 + 4);
  });

  it('puts the image back to QUEUED with no data when the client goes away mid-upload; a new upload then works', async () => {
    const { id } = await createImage(server.alice);
    const held = await startSaving(server.alice, id);
    held.abort();
    await expect.poll(async () => (await imageData(server.alice, id)).status, { timeout: 10_000, interval: 20 }).toBe('QUEUED');
    expect((await imageData(server.alice, id)).size).toBeNull();
    expect(storeFiles(server.dataDir).filter((name) => name.includes(id))).toEqual([]);
    const data = bytes(10);
    expect((await upload(server.alice, id, data)).status).toBe(204);
    expect((await imageData(server.alice, id)).checksum).toBe(md5(data));
  });
});

describe('download', () => {
  let id: string;
  const data = bytes(100_000);

  beforeAll(async () => {
    ({ id } = await createImage(server.alice));
    await upload(server.alice, id, data);
  });

  it('streams the data with Content-Length, Content-MD5 and the octet-stream type', async () => {
    const response = await download(server.alice, id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-length')).toBe(String(data.length));
    expect(response.headers.get('content-md5')).toBe(md5(data));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
  });

  it.each([
    ['bytes=10-19', 10, 19],
    ['bytes=99990-', 99_990, 99_999],
    ['bytes=-5', 99_995, 99_999],
    ['bytes=99000-200000', 99_000, 99_999],
  ])('serves %s as 206 with Content-Range', async (range, start, end) => {
    const response = await download(server.alice, id, { range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${data.length}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await response.arrayBuffer()).equals(data.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=100000-', 'bytes=-0', 'bytes=20-10', 'bytes=0-1,5-6', 'pages=1-2'])('answers 416 to the range %s', async (range) => {
    const response = await download(server.alice, id, { range });
    expect(response.headers.get('content-range')).toBe(`bytes */${data.length}`);
    await expectHttpError(response, 416, 'BAD_USER_INPUT');
  });

  it('answers 204 when the image has no data yet', async () => {
    const { id: empty } = await createImage(server.alice);
    const response = await download(server.alice, empty);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('answers 404 to callers who cannot see the image and 401 without a token', async () => {
    await expectHttpError(await download(server.bob, id), 404, 'NOT_FOUND');
    await expectHttpError(await download({ baseUrl: server.url, token: null } as GraphQLClient, id), 401, 'UNAUTHENTICATED');
  });

  it.each(['a%00b', 'not-a-uuid', `${'f'.repeat(8)}-%00`])('answers 404 NOT_FOUND to the id %s on download and upload', async (badId) => {
    await expectHttpError(await download(server.admin, badId), 404, 'NOT_FOUND');
    await expectHttpError(await upload(server.admin, badId, 'x'), 404, 'NOT_FOUND');
  });

  it('keeps a DEACTIVATED image’s data from non-admins (403) and serves it to admins', async () => {
    const { id: suspect } = await createImage(server.alice);
    await upload(server.alice, suspect, data);
    await server.alice.mutate(DeactivateImageDocument, { input: { id: suspect } });
    expect(await expectHttpError(await download(server.alice, suspect), 403, 'FORBIDDEN')).toMatch(/DEACTIVATED/);
    const response = await download(server.admin, suspect);
    expect(response.status).toBe(200);
    expect(md5(Buffer.from(await response.arrayBuffer()))).toBe(md5(data));
  });

  it('keeps the data in a file named after the image under <data_dir>/images', () => {
    expect(existsSync(join(server.dataDir, 'images', id))).toBe(true);
  });
});

describe('deleting an image', () => {
  it('removes its stored data, also for a deactivated image its non-admin owner deletes (unlike Glance)', async () => {
    for (const deactivate of [false, true]) {
      const { id } = await createImage(server.alice);
      expect((await upload(server.alice, id, bytes(2048))).status).toBe(204);
      if (deactivate) await server.alice.mutate(DeactivateImageDocument, { input: { id } });
      expect(storeFiles(server.dataDir)).toContain(id);
      await server.alice.mutate(DeleteImageDocument, { input: { id } });
      expect(storeFiles(server.dataDir)).not.toContain(id);
      await expectHttpError(await download(server.admin, id), 404, 'NOT_FOUND');
    }
  });
});
