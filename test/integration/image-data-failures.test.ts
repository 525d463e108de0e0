// Faults of the server's own store during a transfer: the client still gets an answer (a 5xx JSON error without
// internals), a failed upload leaves the image QUEUED with no data, and data that vanished from the store is
// reported as unavailable rather than as an unexplained error.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageDataDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, expectHttpError, heldUpload, md5, storeFiles, upload } from './image-data-fixtures.js';

const server = useTestServer();

const storeRoot = () => join(server.dataDir, 'images');
const imageData = async (id: string) => (await server.alice.data(ImageDataDocument, { id })).image!;
const partialFiles = () => storeFiles(server.dataDir).filter((name) => name.startsWith('.partial/'));

/** The JSON error of a server fault: generic, so nothing of the store (paths, errno) reaches the client. */
async function expectServerFault(response: Response): Promise<void> {
  expect(response.headers.get('connection')).toBe('close');
  expect(await expectHttpError(response, 500, 'INTERNAL_SERVER_ERROR')).toBe('Internal server error');
}

describe('an upload the store cannot take', () => {
  it('is answered 500 while the client is still sending, and the image is QUEUED again without data', async () => {
    const { id } = await createImage(server.alice);
    const partialDir = join(storeRoot(), '.partial');
    mkdirSync(storeRoot(), { recursive: true });
    // Partial files go to a directory of a filesystem where not even root can create files (Linux's /proc).
    symlinkSync('/proc/self', partialDir);
    try {
      const held = heldUpload(server.alice, id);
      held.send(bytes(64 * 1024));
      // The body is never finished: the answer must come anyway.
      await expectServerFault(await held.response);
      held.abort();
    } finally {
      rmSync(partialDir);
    }
    expect(await imageData(id)).toMatchObject({ status: 'QUEUED', size: null, checksum: null, locations: [] });
    expect(storeFiles(server.dataDir).filter((name) => name.includes(id))).toEqual([]);
  });

  it('is answered 500 when the data cannot be moved into place, and the image is QUEUED even though the obstacle cannot be removed', async () => {
    const { id } = await createImage(server.alice);
    // A directory where the image's file belongs: the rename at commit fails, and so does removing what is there.
    const obstacle = join(storeRoot(), id);
    mkdirSync(join(obstacle, 'occupied'), { recursive: true });
    await expectServerFault(await upload(server.alice, id, bytes(5000)));
    expect(await imageData(id)).toMatchObject({ status: 'QUEUED', size: null, checksum: null, locations: [] });
    expect(partialFiles()).toEqual([]);
    // Once the operator clears the way, the image takes its data.
    rmSync(obstacle, { recursive: true });
    const data = bytes(10);
    expect((await upload(server.alice, id, data)).status).toBe(204);
    expect(await imageData(id)).toMatchObject({ status: 'ACTIVE', checksum: md5(data) });
  });
});

describe('a download whose data vanished from the store', () => {
  it('is answered 503 "data unavailable", whole or in part', async () => {
    const { id } = await createImage(server.alice);
    expect((await upload(server.alice, id, bytes(1000))).status).toBe(204);
    rmSync(join(storeRoot(), id));
    for (const headers of [{}, { range: 'bytes=0-9' }] as Record<string, string>[]) {
      const message = await expectHttpError(await download(server.alice, id, headers), 503, 'SERVICE_UNAVAILABLE');
      expect(message).toBe(`data unavailable: the data of image ${id} cannot be read from any of its locations`);
    }
  });
});
