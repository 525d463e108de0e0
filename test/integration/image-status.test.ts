// Glance's image status machine, seen from outside: every operation that would move an image along a pair the
// machine refuses answers CONFLICT and leaves the image row exactly as it was.
// Glance: glance/domain/__init__.py Image.valid_state_targets
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_TRANSITIONS } from '../../src/domain/images/image-status.js';
import { IMAGE_STATUSES, type ImageStatus } from '../../src/domain/images/image-values.js';
import { Image } from '../../src/persistence/index.js';
import { AddImageLocationDocument, DeactivateImageDocument, ReactivateImageDocument } from '../generated/operations.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, startRemoteData, upload, type RemoteData } from './image-data-fixtures.js';

let remote: RemoteData;
beforeAll(async () => void (remote = await startRemoteData()));
afterAll(() => remote.close());
const server = useTestServer(() => ({ show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [remote.port] }));

/** Each client operation that moves an image, by the status it moves the image to; the answer's error code. */
const OPERATIONS: Record<string, { to: ImageStatus; run: (id: string) => Promise<string | undefined> }> = {
  deactivateImage: {
    to: 'deactivated',
    run: async (id) => (await server.admin.request(DeactivateImageDocument, { input: { id } })).errors?.[0]?.extensions?.code,
  },
  reactivateImage: {
    to: 'active',
    run: async (id) => (await server.admin.request(ReactivateImageDocument, { input: { id } })).errors?.[0]?.extensions?.code,
  },
  addImageLocation: {
    to: 'active',
    run: async (id) => {
      const input = { imageId: id, url: remote.url('/data/1000'), metadata: {} };
      return (await server.admin.request(AddImageLocationDocument, { input })).errors?.[0]?.extensions?.code;
    },
  },
  'PUT /v2/images/{id}/file': {
    to: 'saving',
    run: async (id) => {
      const response = await upload(server.admin, id, bytes(100));
      return response.ok ? undefined : ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
    },
  },
};

const row = (id: string) => server.server.db.orm.em.fork().findOneOrFail(Image, id);

/** A fresh image in `status`, written straight to its row: most statuses have no API path of their own. */
async function imageIn(status: ImageStatus): Promise<Image> {
  const { id } = await createImage(server.alice);
  await setImageRow(server, id, { status, updatedAt: new Date(Date.now() - 60_000) });
  return row(id);
}

describe('every refused transition answers CONFLICT and changes nothing', () => {
  // A deleted image is NOT_FOUND to every operation; an operation on an image already where it leads is Glance's
  // no-op success (deactivating a deactivated image).
  const statuses = IMAGE_STATUSES.filter((status) => status !== 'deleted');
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    for (const from of statuses.filter((status) => status !== operation.to && !IMAGE_TRANSITIONS[status].includes(operation.to))) {
      it(`${name} on an image in ${from.toUpperCase()} (${from} → ${operation.to})`, async () => {
        const before = await imageIn(from);
        expect(await operation.run(before.id)).toBe('CONFLICT');
        expect(await row(before.id)).toEqual(before);
      });
    }
  }
});

describe('the allowed transitions the same operations make', () => {
  it('QUEUED → SAVING → ACTIVE by upload, ACTIVE → DEACTIVATED → ACTIVE by deactivate and reactivate', async () => {
    const { id } = await imageIn('queued');
    expect(await OPERATIONS['PUT /v2/images/{id}/file']!.run(id)).toBeUndefined();
    expect((await row(id)).status).toBe('active');
    expect(await OPERATIONS.deactivateImage!.run(id)).toBeUndefined();
    expect((await row(id)).status).toBe('deactivated');
    expect(await OPERATIONS.reactivateImage!.run(id)).toBeUndefined();
    expect((await row(id)).status).toBe('active');
  });

  it('QUEUED → ACTIVE by a first location', async () => {
    const { id } = await imageIn('queued');
    expect(await OPERATIONS.addImageLocation!.run(id)).toBeUndefined();
    expect((await row(id)).status).toBe('active');
  });
});
