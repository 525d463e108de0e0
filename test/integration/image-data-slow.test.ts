// An upload that slows to a drip must not hold its image in SAVING for as long as the sender likes: below
// `upload_min_rate` bytes per second over `upload_rate_window` seconds it fails, and the image is QUEUED again.
import { describe, expect, it } from 'vitest';
import { ImageDataDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, expectHttpError, heldUpload, startSaving, storeFiles } from './image-data-fixtures.js';

const server = useTestServer({ upload_min_rate: 1000, upload_rate_window: 1 });

const imageData = async (id: string) => (await server.alice.data(ImageDataDocument, { id })).image!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an upload below the minimum rate', () => {
  it('fails with REQUEST_TIMEOUT (408) while the client still drips, and the image is QUEUED with no data', async () => {
    const { id } = await createImage(server.alice);
    const held = await startSaving(server.alice, id, bytes(1));
    const dripping = setInterval(() => held.send(bytes(1)), 200);
    try {
      const response = await held.response;
      expect(await expectHttpError(response, 408, 'REQUEST_TIMEOUT')).toMatch(/fewer than 1000 bytes in 1 s/);
    } finally {
      clearInterval(dripping);
      held.abort();
    }
    expect(await imageData(id)).toMatchObject({ status: 'QUEUED', size: null, locations: [] });
    await expect.poll(() => storeFiles(server.dataDir)).toEqual([]);
  });

  it('is not cut off while it keeps the rate, over several windows', async () => {
    const { id } = await createImage(server.alice);
    const held = heldUpload(server.alice, id);
    for (let chunk = 0; chunk < 8; chunk += 1) {
      held.send(bytes(600));
      await pause(250);
    }
    held.finish();
    expect((await held.response).status).toBe(204);
    expect(await imageData(id)).toMatchObject({ status: 'ACTIVE', size: 4800 });
  });
});
