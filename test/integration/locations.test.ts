// The founding rule: locations change only while the image is QUEUED or ACTIVE (remove: ACTIVE only); any other
// status is a CONFLICT naming the operation and the status, for admins too, and nothing changes — also when the
// status changes between the check and the write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageLocationDocument, DeactivateImageDocument, ImageDataDocument, ImageViewerCanDocument, RemoveImageLocationDocument,
  ReplaceImageLocationsDocument,
} from '../generated/operations.js';
import type { GraphQLClient, GraphQLResponse } from '../helpers/client.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, startRemoteData, startSaving, upload, type HeldUpload, type RemoteData } from './image-data-fixtures.js';

let remote: RemoteData;
beforeAll(async () => {
  remote = await startRemoteData();
});
afterAll(() => remote.close());
const server = useTestServer(() => ({ show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [remote.port] }));

const view = async (id: string) => (await server.admin.data(ImageDataDocument, { id })).image!;
const urls = async (id: string) => ((await view(id)).locations ?? []).map((location) => location.url);

type Status = 'QUEUED' | 'SAVING' | 'ACTIVE' | 'DEACTIVATED' | 'KILLED';
type Operation = 'add' | 'replace' | 'remove';

/** An image in `status`, reached the way users reach it (KILLED has no API path, in Glance v2 either). */
async function imageIn(status: Status): Promise<{ id: string; held?: HeldUpload }> {
  const { id } = await createImage(server.alice);
  if (status === 'QUEUED') return { id };
  if (status === 'SAVING') return { id, held: await startSaving(server.alice, id) };
  expect((await upload(server.alice, id, bytes(1000))).status).toBe(204);
  await server.admin.mutate(AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/1000'), metadata: { copy: 'remote' } } });
  if (status === 'DEACTIVATED') await server.alice.mutate(DeactivateImageDocument, { input: { id } });
  if (status === 'KILLED') await setImageRow(server, id, { status: 'killed' });
  return { id };
}

async function perform(client: GraphQLClient, operation: Operation, id: string): Promise<GraphQLResponse<unknown>> {
  const current = (await view(id)).locations ?? [];
  if (operation === 'add') {
    return client.request(AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/1000?added'), metadata: {} } });
  }
  if (operation === 'replace') {
    const locations = current.length
      ? [...current].reverse().map(({ url }) => ({ url, metadata: { order: 'reversed' } }))
      : [{ url: remote.url('/data/1000') }];
    return client.request(ReplaceImageLocationsDocument, { input: { imageId: id, locations } });
  }
  return client.request(RemoveImageLocationDocument, { input: { imageId: id, url: current.at(-1)?.url ?? remote.url('/data/1000') } });
}

const ALLOWED: Record<Operation, Status[]> = { add: ['QUEUED', 'ACTIVE'], replace: ['QUEUED', 'ACTIVE'], remove: ['ACTIVE'] };
const WORDS: Record<Operation, string> = { add: 'add a location to', replace: 'replace the locations of', remove: 'remove a location from' };
const STATUSES: Status[] = ['QUEUED', 'SAVING', 'ACTIVE', 'DEACTIVATED', 'KILLED'];
const MATRIX = STATUSES.flatMap((status) => (['add', 'replace', 'remove'] as const).map((operation) => ({ status, operation })));

describe('status × location mutation (as admin)', () => {
  it.each(MATRIX)('$operation on a $status image', async ({ status, operation }) => {
    const { id, held } = await imageIn(status);
    const before = await view(id);
    const predicted = (await server.admin.data(ImageViewerCanDocument, { id })).image!.viewerCan.setLocation;
    const response = await perform(server.admin, operation, id);
    // Image.viewerCan.setLocation answers whether addImageLocation would pass its policy and status checks.
    if (operation === 'add') expect(predicted).toBe(response.errors === undefined);
    if (ALLOWED[operation].includes(status)) {
      expect(response.errors).toBeUndefined();
      const after = await view(id);
      expect(after.status).toBe('ACTIVE');
      expect(after.locations).not.toEqual(before.locations);
    } else {
      const error = response.errors?.[0];
      expect(error?.extensions?.code).toBe('CONFLICT');
      expect(error?.message).toContain(`cannot ${WORDS[operation]} image ${id}: its status is ${status}`);
      expect(await view(id)).toEqual(before);
    }
    if (held) {
      held.finish();
      expect((await held.response).status).toBe(204);
      expect((await urls(id)).map((url) => url.slice(0, 5))).toEqual(['file:']);
    }
  });

  it('gives the owner the same CONFLICT; a remove she may not do at all is refused by policy first', async () => {
    const { id, held } = await imageIn('SAVING');
    expect((await server.alice.error('CONFLICT', AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/5') } })).message).toMatch(/SAVING/);
    expect((await server.alice.error('FORBIDDEN', RemoveImageLocationDocument, { input: { imageId: id, url: remote.url('/data/5') } })).message).toMatch(/delete_image_location/);
    held!.finish();
    await held!.response;
  });
});

describe('the check is atomic with the write', () => {
  it('while an upload is held open, every concurrent add is a CONFLICT and none is written', async () => {
    const { id, held } = await imageIn('SAVING');
    for (let round = 0; round < 3; round += 1) {
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, n) => server.admin.request(AddImageLocationDocument, { input: { imageId: id, url: remote.url(`/data/10?${round}-${n}`) } })),
      );
      expect(responses.map((response) => response.errors?.[0]?.extensions?.code)).toEqual(Array(8).fill('CONFLICT'));
      held!.send(bytes(100));
    }
    held!.finish();
    expect((await held!.response).status).toBe(204);
    expect((await urls(id)).map((url) => url.slice(0, 5))).toEqual(['file:']);
  });

  it.each(['SAVING', 'DEACTIVATED'] as const)('an add whose checks passed is not written when the image became %s before the write', async (target) => {
    const { id } = await imageIn(target === 'SAVING' ? 'QUEUED' : 'ACTIVE');
    const hold = remote.holdNext();
    // The add checks the status (fine), then asks the remote server for the size, which the test holds.
    const adding = server.admin.request(AddImageLocationDocument, { input: { imageId: id, url: remote.url('/slow/1000') } });
    await hold.arrived;
    const saving = target === 'SAVING' ? await startSaving(server.alice, id) : null;
    if (target === 'DEACTIVATED') await server.alice.mutate(DeactivateImageDocument, { input: { id } });
    const before = await view(id);
    hold.release();
    const response = await adding;
    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toContain(`its status is ${target}`);
    expect(await view(id)).toEqual(before);
    if (saving) {
      saving.finish();
      expect((await saving.response).status).toBe(204);
      expect((await urls(id)).map((url) => url.slice(0, 5))).toEqual(['file:']);
    }
  });

  it('an upload racing adds on a QUEUED image: either the upload wins and comes first, or it is refused and stores nothing', async () => {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const { id } = await createImage(server.alice);
      const racing = upload(server.alice, id, bytes(200_000));
      const adds = Array.from({ length: 4 }, (_, n) => server.admin.request(AddImageLocationDocument, { input: { imageId: id, url: remote.url(`/data/10?${n}`) } }));
      const [uploaded] = await Promise.all([racing, ...adds]);
      const found = await urls(id);
      if (uploaded.status === 204) {
        expect(found[0]).toMatch(/^file:/);
      } else {
        expect(uploaded.status).toBe(409);
        expect(found.every((url) => url.startsWith('http:'))).toBe(true);
      }
      expect((await view(id)).status).toBe('ACTIVE');
    }
  });
});
