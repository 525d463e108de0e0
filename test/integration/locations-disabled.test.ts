// With show_multiple_locations off (Glance's default) every location mutation is FORBIDDEN as a disabled feature,
// checked after the policy and before the image's status, and Image.locations stays empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageLocation } from '../../src/persistence/index.js';
import {
  AddImageLocationDocument, ImageDataDocument, RemoveImageLocationDocument, ReplaceImageLocationsDocument,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, startRemoteData, startSaving, upload, type RemoteData } from './image-data-fixtures.js';

let remote: RemoteData;
beforeAll(async () => {
  remote = await startRemoteData();
});
afterAll(() => remote.close());
// The filter would let the remote server's URLs through, so only the switch can refuse them.
const server = useTestServer(() => ({ allowed_hosts: ['127.0.0.1'], allowed_ports: [remote.port] }));

const disabled = /disabled feature/;
const view = async (id: string) => (await server.alice.data(ImageDataDocument, { id })).image!;
/** Every location row of the image, removed ones too: what the API would hide while the feature is off. */
const locationRows = (id: string) => server.server.db.orm.em.fork().find(ImageLocation, { image: id });

/** Tries all three location mutations as `client`, each of which must be FORBIDDEN with `message`. */
async function expectAllForbidden(client: GraphQLClient, id: string, message: RegExp) {
  const url = remote.url('/data/1');
  expect((await client.error('FORBIDDEN', AddImageLocationDocument, { input: { imageId: id, url } })).message).toMatch(message);
  const replace = { imageId: id, locations: [{ url }] };
  expect((await client.error('FORBIDDEN', ReplaceImageLocationsDocument, { input: replace })).message).toMatch(message);
  expect((await client.error('FORBIDDEN', RemoveImageLocationDocument, { input: { imageId: id, url } })).message).toMatch(message);
}

describe('with show_multiple_locations off (the default)', () => {
  it('answers every location mutation FORBIDDEN (feature disabled) on QUEUED and ACTIVE images, and shows no locations', async () => {
    const { id } = await createImage(server.alice);
    await expectAllForbidden(server.admin, id, disabled);
    // An add would have made the image ACTIVE.
    expect(await view(id)).toMatchObject({ status: 'QUEUED', size: null });
    expect((await upload(server.alice, id, bytes(10))).status).toBe(204);
    await expectAllForbidden(server.admin, id, disabled);
    expect(await view(id)).toMatchObject({ status: 'ACTIVE', size: 10, locations: [], directUrl: null, file: `/v2/images/${id}/file` });
    expect((await locationRows(id)).map((row) => row.url.slice(0, 5))).toEqual(['file:']);
  });

  it('checks the switch before the status: a SAVING image is FORBIDDEN (not CONFLICT) to admins, and nothing changes', async () => {
    const { id } = await createImage(server.alice);
    const first = bytes(1024);
    const held = await startSaving(server.alice, id, first);
    await expectAllForbidden(server.admin, id, disabled);
    expect((await view(id)).status).toBe('SAVING');
    expect(await locationRows(id)).toEqual([]);
    const rest = bytes(500);
    held.send(rest);
    held.finish();
    expect((await held.response).status).toBe(204);
    // The upload completes as if nothing had been tried: its own location is the only one.
    expect(await view(id)).toMatchObject({ status: 'ACTIVE', size: 1524 });
    expect((await locationRows(id)).map((row) => row.url.slice(0, 5))).toEqual(['file:']);
    expect(Buffer.from(await (await download(server.alice, id)).arrayBuffer()).equals(Buffer.concat([first, rest]))).toBe(true);
  });

  it('checks the policy before the switch', async () => {
    const { id } = await createImage(server.alice);
    const url = remote.url('/data/1');
    expect((await server.reader.error('FORBIDDEN', AddImageLocationDocument, { input: { imageId: id, url } })).message).toMatch(/set_image_location/);
    const replace = { imageId: id, locations: [{ url }] };
    expect((await server.reader.error('FORBIDDEN', ReplaceImageLocationsDocument, { input: replace })).message).toMatch(/set_image_location/);
    // delete_image_location is admin-only by default, so the owner meets it before the switch.
    expect((await server.alice.error('FORBIDDEN', RemoveImageLocationDocument, { input: { imageId: id, url } })).message).toMatch(/delete_image_location/);
  });
});
