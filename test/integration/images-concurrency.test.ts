// Tag and property changes check and write in one transaction: parallel calls cannot pass image_tag_quota or
// image_property_quota together, parallel identical adds leave one copy, and a format change is refused when the
// image left QUEUED after the update's caller had read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddImageTagDocument, GetImageDocument, UpdateImageDocument } from '../generated/operations.js';
import type { GraphQLResponse } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { startRemoteData, startSaving, type RemoteData } from './image-data-fixtures.js';

const PARALLEL = 8;

let remote: RemoteData;
beforeAll(async () => {
  remote = await startRemoteData();
});
afterAll(() => remote.close());
const server = useTestServer(() => ({
  image_tag_quota: 3, image_property_quota: 2,
  show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [remote.port],
}));

const view = async (id: string) => (await server.alice.data(GetImageDocument, { id })).image!;
const codes = (responses: GraphQLResponse<unknown>[]) => responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'OK');
const inParallel = <T>(call: (n: number) => Promise<T>) => Promise.all(Array.from({ length: PARALLEL }, (_, n) => call(n)));

describe('parallel adds under a quota', () => {
  it('lets exactly image_tag_quota tags in; the others are PAYLOAD_TOO_LARGE', async () => {
    const { id } = await createImage(server.alice);
    const responses = await inParallel((n) => server.alice.request(AddImageTagDocument, { input: { imageId: id, tag: `tag-${n}` } }));
    expect(codes(responses).sort()).toEqual([...Array(3).fill('OK'), ...Array(PARALLEL - 3).fill('PAYLOAD_TOO_LARGE')]);
    const added = responses.flatMap((response, n) => (response.errors ? [] : [`tag-${n}`]));
    expect((await view(id)).tags).toEqual(added.sort());
  });

  it('lets exactly image_property_quota properties in; the others are PAYLOAD_TOO_LARGE', async () => {
    const { id } = await createImage(server.alice);
    const responses = await inParallel((n) => server.alice.request(UpdateImageDocument, { input: { id, setProperties: [{ key: `key-${n}`, value: `${n}` }] } }));
    expect(codes(responses).sort()).toEqual([...Array(2).fill('OK'), ...Array(PARALLEL - 2).fill('PAYLOAD_TOO_LARGE')]);
    const added = responses.flatMap((response, n) => (response.errors ? [] : [{ key: `key-${n}`, value: `${n}` }]));
    expect((await view(id)).properties).toEqual(added);
  });
});

describe('parallel identical adds', () => {
  it('all succeed for the same tag, which the image then has once', async () => {
    const { id } = await createImage(server.alice, { tags: ['first'] });
    const responses = await inParallel(() => server.alice.request(AddImageTagDocument, { input: { imageId: id, tag: 'same' } }));
    expect(codes(responses)).toEqual(Array(PARALLEL).fill('OK'));
    expect((await view(id)).tags).toEqual(['first', 'same']);
  });

  it('all succeed for the same new property, which the image then has once, with one of the values sent', async () => {
    const { id } = await createImage(server.alice);
    const responses = await inParallel((n) => server.alice.request(UpdateImageDocument, { input: { id, setProperties: [{ key: 'same', value: `${n}` }] } }));
    expect(codes(responses)).toEqual(Array(PARALLEL).fill('OK'));
    const { properties } = await view(id);
    expect(properties).toHaveLength(1);
    expect(properties[0]!.key).toBe('same');
    expect(Array.from({ length: PARALLEL }, (_, n) => `${n}`)).toContain(properties[0]!.value);
  });
});

describe('a property both set and removed', () => {
  it('is BAD_USER_INPUT, whether or not the image has it, and nothing changes', async () => {
    const { id } = await createImage(server.alice, { name: 'keep', properties: [{ key: 'there', value: 'v' }] });
    for (const key of ['there', 'absent']) {
      const error = await server.alice.error('BAD_USER_INPUT', UpdateImageDocument, {
        input: { id, name: 'changed', setProperties: [{ key, value: 'new' }], removeProperties: [key] },
      });
      expect(error.message).toContain(`property "${key}" is both set and removed`);
    }
    expect(await view(id)).toMatchObject({ name: 'keep', properties: [{ key: 'there', value: 'v' }] });
  });
});

describe('format changes and an upload', () => {
  // One request runs its mutations in order and keeps the images it has read: `seen` reads X while QUEUED, `wait`
  // holds the request (the test holds the location's HEAD) while an upload makes X SAVING, and `change` then asks
  // for a format change on X, whose status as first read would allow it.
  const BATCH = `mutation ($x: ID!, $y: ID!, $url: String!) {
    seen: addImageTag(input: { imageId: $x, tag: "seen" }) { image { id status } }
    wait: addImageLocation(input: { imageId: $y, url: $url }) { image { id status } }
    change: updateImage(input: { id: $x, diskFormat: QCOW2, containerFormat: null }) { image { id diskFormat containerFormat status } }
  }`;

  it('is a CONFLICT when the image became SAVING after it was read, and the formats stay', async () => {
    const x = (await createImage(server.alice)).id;
    const y = (await createImage(server.alice)).id;
    const hold = remote.holdNext();
    const batch = server.admin.raw(BATCH, { x, y, url: remote.url('/slow/1000') });
    await hold.arrived;
    const saving = await startSaving(server.alice, x);
    hold.release();
    const response = await batch;
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['change'], 'CONFLICT']]);
    expect(response.errors?.[0]?.message).toMatch(/status is SAVING/);
    expect(await view(x)).toMatchObject({ status: 'SAVING', diskFormat: 'RAW', containerFormat: 'BARE', tags: ['seen'] });
    saving.finish();
    expect((await saving.response).status).toBe(204);
    expect(await view(x)).toMatchObject({ status: 'ACTIVE', diskFormat: 'RAW', containerFormat: 'BARE' });
  });
});
