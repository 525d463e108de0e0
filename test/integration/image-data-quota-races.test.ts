// user_storage_quota holds when changes of one project's images overlap: each upload and location write checks the
// quota again as it commits, so room measured earlier cannot be spent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddImageLocationDocument, ImageDataDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, expectHttpError, startRemoteData, startSaving, storeFiles, type RemoteData } from './image-data-fixtures.js';

let remote: RemoteData;
beforeAll(async () => {
  remote = await startRemoteData();
});
afterAll(() => remote.close());
// 6144 bytes: one image of 4000 bytes fits, two do not.
const server = useTestServer(() => ({
  user_storage_quota: '6KB', show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [remote.port],
}));
let projects = 0;

/** A member of a project of its own, whose quota is untouched. */
async function newProjectMember(): Promise<GraphQLClient> {
  projects += 1;
  return server.as(`user-${projects}`, `project-${projects}`, ['member']);
}

const imageData = async (client: GraphQLClient, id: string) => (await client.data(ImageDataDocument, { id })).image!;
const filesOf = (id: string) => storeFiles(server.dataDir).filter((name) => name.includes(id));

describe('user_storage_quota with overlapping changes', () => {
  it('lets only one of two uploads held open at once keep its data: one 204, one 413 with the image QUEUED', async () => {
    const owner = await newProjectMember();
    const images = [(await createImage(owner)).id, (await createImage(owner)).id];
    // Both start while the project stores nothing, so each may receive up to 6144 bytes.
    const uploads = [await startSaving(owner, images[0]!, bytes(1000)), await startSaving(owner, images[1]!, bytes(1000))];
    for (const held of uploads) held.send(bytes(3000));
    for (const held of uploads) held.finish();
    const responses = await Promise.all(uploads.map((held) => held.response));
    expect(responses.map((response) => response.status).sort()).toEqual([204, 413]);

    const refused = responses.findIndex((response) => response.status === 413);
    const message = await expectHttpError(responses[refused]!, 413, 'PAYLOAD_TOO_LARGE');
    expect(message).toMatch(/6144 bytes of storage \(user_storage_quota\), 4000 are used/);
    expect(await imageData(owner, images[refused]!)).toMatchObject({ status: 'QUEUED', size: null, checksum: null, locations: [] });
    expect(filesOf(images[refused]!)).toEqual([]);
    expect(await imageData(owner, images[1 - refused]!)).toMatchObject({ status: 'ACTIVE', size: 4000 });
  });

  it('refuses an upload at its end when a location took the room while it was arriving', async () => {
    const owner = await newProjectMember();
    const { id: uploading } = await createImage(owner);
    const held = await startSaving(owner, uploading, bytes(1000));
    const { id: located } = await createImage(owner);
    await owner.mutate(AddImageLocationDocument, { input: { imageId: located, url: remote.url('/data/4000') } });
    held.send(bytes(3000));
    held.finish();
    await expectHttpError(await held.response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await imageData(owner, uploading)).toMatchObject({ status: 'QUEUED', size: null });
    expect(filesOf(uploading)).toEqual([]);
  });

  it('lets only one of two location adds checked at the same time through', async () => {
    const owner = await newProjectMember();
    const images = [(await createImage(owner)).id, (await createImage(owner)).id];
    // Both adds wait for the remote's answer about the size, then check the quota and write together.
    const holds = [remote.holdNext(), remote.holdNext()];
    const adds = images.map((imageId) => owner.request(AddImageLocationDocument, { input: { imageId, url: remote.url('/slow/4000') } }));
    await Promise.all(holds.map((hold) => hold.arrived));
    for (const hold of holds) hold.release();
    const results = await Promise.all(adds);
    const outcomes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'ok');
    expect(outcomes.sort()).toEqual(['PAYLOAD_TOO_LARGE', 'ok']);
    const statuses = await Promise.all(images.map(async (id) => (await imageData(owner, id)).status));
    expect(statuses.sort()).toEqual(['ACTIVE', 'QUEUED']);
  });
});
