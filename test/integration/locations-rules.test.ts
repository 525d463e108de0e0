// Glance's other location rules: URLs the server may not use, HEAD sizes, validation data, duplicates, quotas,
// replace and remove rules, and who sees locations. The feature switch is in locations-disabled.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageLocationDocument, DeactivateImageDocument, ImageDataDocument, RemoveImageLocationDocument, ReplaceImageLocationsDocument,
  UpdateImageDocument,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, expectHttpError, md5, sha512, startRemoteData, storeFiles, upload, type RemoteData } from './image-data-fixtures.js';

let remote: RemoteData;
beforeAll(async () => {
  remote = await startRemoteData();
});
afterAll(() => remote.close());
const server = useTestServer(() => ({
  show_multiple_locations: true, show_image_direct_url: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [remote.port],
  image_location_quota: 3, user_storage_quota: 5000,
}));

const view = async (client: GraphQLClient, id: string) => (await client.data(ImageDataDocument, { id })).image!;
const add = (client: GraphQLClient, imageId: string, url: string, extra: Record<string, unknown> = {}) =>
  client.request(AddImageLocationDocument, { input: { imageId, url, ...extra } });
const addError = async (code: string, imageId: string, url: string, extra: Record<string, unknown> = {}) =>
  (await server.alice.error(code, AddImageLocationDocument, { input: { imageId, url, ...extra } })).message;

/** An ACTIVE image of project A holding `size` uploaded bytes (its location is in the server's store). */
async function activeImage(size = 100): Promise<string> {
  const { id } = await createImage(server.alice);
  expect((await upload(server.alice, id, bytes(size))).status).toBe(204);
  return id;
}

describe('a QUEUED image given a location', () => {
  it('becomes ACTIVE with the size the location’s server reports, and shows it first in directUrl', async () => {
    const { id } = await createImage(server.alice);
    const { addImageLocation } = await server.alice.mutate(AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/1234'), metadata: { region: 'x' } } });
    expect(addImageLocation.image).toMatchObject({
      status: 'ACTIVE', size: 1234, checksum: null, directUrl: remote.url('/data/1234'),
      locations: [{ url: remote.url('/data/1234'), metadata: { region: 'x' } }],
    });
    // Its data downloads from that location.
    const response = await download(server.alice, id);
    expect(Buffer.from(await response.arrayBuffer()).equals(remote.content(1234))).toBe(true);
    // The http store serves no ranges (Glance: 400).
    await expectHttpError(await download(server.alice, id, { range: 'bytes=0-1' }), 400, 'BAD_USER_INPUT');
  });

  it('needs its formats set (BAD_USER_INPUT) and stays QUEUED', async () => {
    const { id } = await createImage(server.alice, { diskFormat: null });
    expect(await addError('BAD_USER_INPUT', id, remote.url('/data/10'))).toMatch(/diskFormat/);
    expect((await view(server.alice, id)).status).toBe('QUEUED');
  });

  it('takes validationData onto the image; on an ACTIVE image new values are a CONFLICT', async () => {
    const { id } = await createImage(server.alice);
    const data = remote.content(10);
    const validationData = { checksum: md5(data), osHashAlgo: 'sha512', osHashValue: sha512(data) };
    const { addImageLocation } = await server.alice.mutate(AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/10'), validationData } });
    expect(addImageLocation.image).toMatchObject({ checksum: md5(data), osHashAlgo: 'sha512', osHashValue: sha512(data) });
    // The same values again are fine; others are not.
    expect((await add(server.alice, id, remote.url('/data/10?again'), { validationData })).errors).toBeUndefined();
    const other = { ...validationData, checksum: md5(Buffer.from('other')) };
    expect(await addError('CONFLICT', id, remote.url('/data/10?other'), { validationData: other })).toMatch(/checksum is already set/);
    // An image made ACTIVE by a location without validation data has no hash, and cannot be given one later.
    const { id: unhashed } = await createImage(server.alice);
    await add(server.alice, unhashed, remote.url('/data/10'));
    expect(await addError('CONFLICT', unhashed, remote.url('/data/10?2'), { validationData: { osHashAlgo: 'sha512', osHashValue: sha512(data) } }))
      .toMatch(/only while the image is QUEUED; it is ACTIVE/);
    // An uploaded image has its own hash.
    expect(await addError('CONFLICT', await activeImage(), remote.url('/data/10'), { validationData: { osHashAlgo: 'sha512', osHashValue: sha512(data) } }))
      .toMatch(/osHashValue is already set/);
  });

  it.each([
    ['a checksum of the wrong length', { checksum: 'abc', osHashAlgo: 'sha512', osHashValue: 'a'.repeat(128) }, 'BAD_USER_INPUT'],
    ['a checksum that is not hex', { checksum: 'z'.repeat(32), osHashAlgo: 'sha512', osHashValue: 'a'.repeat(128) }, 'CONFLICT'],
    ['another algorithm', { osHashAlgo: 'sha256', osHashValue: 'a'.repeat(64) }, 'CONFLICT'],
    ['a hash of the wrong length', { osHashAlgo: 'sha512', osHashValue: 'a'.repeat(64) }, 'CONFLICT'],
  ])('refuses validationData with %s', async (_case, validationData, code) => {
    const { id } = await createImage(server.alice);
    await addError(code, id, remote.url('/data/10'), { validationData });
    expect((await view(server.alice, id)).status).toBe('QUEUED');
  });
});

describe('URLs', () => {
  it.each([
    ['file:///etc/passwd', /file URLs cannot be set/],
    ['filesystem:///etc/passwd', /filesystem URLs cannot be set/],
    ['ftp://127.0.0.1/image', /no store serves the ftp scheme/],
    ['not a url', /not an absolute URL/],
    [`http://127.0.0.1:${'1'.repeat(5)}/x`, /port 11111 is not permitted/],
    ['http://169.254.169.254/latest/meta-data', /host 169.254.169.254 is not permitted/],
    ['http://localhost/x', /host localhost is not permitted/],
    [`http://127.0.0.1:PORT/missing`, /answered HTTP 404/],
    [`http://127.0.0.1:PORT/empty`, /reports no data size/],
    [`http://127.0.0.1:PORT/${'x'.repeat(250)}`, /1 to 255 characters/],
  ])('refuses %s (BAD_USER_INPUT)', async (url, message) => {
    const id = await activeImage();
    expect(await addError('BAD_USER_INPUT', id, url.replace('PORT', String(remote.port)))).toMatch(message);
    expect((await view(server.alice, id)).locations).toHaveLength(1);
  });

  it('refuses the image’s own store URL: users cannot set file locations', async () => {
    const id = await activeImage();
    const [own] = (await view(server.alice, id)).locations ?? [];
    expect(await addError('BAD_USER_INPUT', id, own!.url, { metadata: { copy: 'again' } })).toMatch(/file URLs cannot be set/);
  });
});

describe('metadata and duplicates', () => {
  it('refuses a duplicate (same URL and metadata) but accepts the same URL with other metadata', async () => {
    const id = await activeImage();
    expect((await add(server.alice, id, remote.url('/data/100'), { metadata: { a: '1' } })).errors).toBeUndefined();
    expect(await addError('BAD_USER_INPUT', id, remote.url('/data/100'), { metadata: { a: '1' } })).toMatch(/same metadata/);
    expect((await add(server.alice, id, remote.url('/data/100'), { metadata: { a: '2' } })).errors).toBeUndefined();
  });

  it.each([[['a list']], ['text'], [{ size: 5 }], [{ nested: { ok: 'yes', bad: true } }]])('refuses metadata %j', async (metadata) => {
    const id = await activeImage();
    expect(await addError('BAD_USER_INPUT', id, remote.url('/data/100'), { metadata })).toMatch(/metadata/);
  });

  it('refuses metadata nested deeper than 32 levels, however deep, and accepts 32', async () => {
    // Bob's image, so the location's bytes count against project B's storage quota, not the one alice's tests share.
    const { id } = await createImage(server.bob);
    const query = 'mutation ($input: AddImageLocationInput!) { addImageLocation(input: $input) { image { id } } }';
    const addNested = async (levels: number) => {
      // The body is built as text: JSON.stringify itself overflows the stack on the deepest of these.
      const metadata = `${'{"a":'.repeat(levels - 1)}{"leaf":"x"}${'}'.repeat(levels - 1)}`;
      const input = `{"imageId":"${id}","url":"${remote.url('/data/100')}","metadata":${metadata}}`;
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.bob.token}` },
        body: `{"query":${JSON.stringify(query)},"variables":{"input":${input}}}`,
      });
      return (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
    };
    for (const levels of [33, 100_000]) {
      const { errors } = await addNested(levels);
      expect(errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(/at most 32 levels/);
    }
    expect((await addNested(32)).errors).toBeUndefined();
  });
});

describe('quotas', () => {
  it('refuses a location beyond image_location_quota with PAYLOAD_TOO_LARGE', async () => {
    const id = await activeImage();
    await add(server.alice, id, remote.url('/data/100?1'));
    await add(server.alice, id, remote.url('/data/100?2'));
    expect(await addError('PAYLOAD_TOO_LARGE', id, remote.url('/data/100?3'))).toMatch(/at most 3 locations \(image_location_quota\)/);
  });

  it('counts each location of an image against user_storage_quota', async () => {
    const { id } = await createImage(server.bob);
    expect((await upload(server.bob, id, bytes(2000))).status).toBe(204);
    expect((await server.bob.request(AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/2000') } })).errors).toBeUndefined();
    const error = await server.bob.error('PAYLOAD_TOO_LARGE', AddImageLocationDocument, { input: { imageId: id, url: remote.url('/data/2000?3') } });
    expect(error.message).toMatch(/user_storage_quota/);
    // The project's other uploads see the space the locations take.
    const { id: next } = await createImage(server.bob);
    await expectHttpError(await upload(server.bob, next, bytes(1001)), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('replaceImageLocations', () => {
  it('reorders and re-describes the same URLs; other URLs or an empty list are refused', async () => {
    const id = await activeImage();
    await add(server.alice, id, remote.url('/data/100'));
    const [own, http] = (await view(server.alice, id)).locations ?? [];
    const { replaceImageLocations } = await server.alice.mutate(ReplaceImageLocationsDocument, {
      input: { imageId: id, locations: [{ url: http!.url, metadata: { first: 'yes' } }, { url: own!.url }] },
    });
    expect(replaceImageLocations.image.locations).toEqual([{ url: http!.url, metadata: { first: 'yes' } }, { url: own!.url, metadata: {} }]);
    expect(replaceImageLocations.image.directUrl).toBe(http!.url);
    const swap = { imageId: id, locations: [{ url: own!.url }, { url: remote.url('/data/100?other') }] };
    expect((await server.alice.error('BAD_USER_INPUT', ReplaceImageLocationsDocument, { input: swap })).message).toMatch(/not swapped for other URLs/);
    expect((await server.alice.error('FORBIDDEN', ReplaceImageLocationsDocument, { input: { imageId: id, locations: [] } })).message).toMatch(/empty list/);
    const twice = { imageId: id, locations: [{ url: own!.url }, { url: http!.url }, { url: http!.url }] };
    expect((await server.alice.error('BAD_USER_INPUT', ReplaceImageLocationsDocument, { input: twice })).message).toMatch(/same metadata/);
  });

  it('sets the locations of a QUEUED image, which becomes ACTIVE with the first one’s size', async () => {
    const { id } = await createImage(server.alice);
    const locations = [{ url: remote.url('/data/300') }, { url: remote.url('/data/300?mirror') }];
    const { replaceImageLocations } = await server.alice.mutate(ReplaceImageLocationsDocument, { input: { imageId: id, locations } });
    expect(replaceImageLocations.image).toMatchObject({ status: 'ACTIVE', size: 300 });
    expect(replaceImageLocations.image.locations?.map((location) => location.url)).toEqual(locations.map((location) => location.url));
  });
});

describe('removeImageLocation', () => {
  it('removes a location and its stored data; the last one stays (FORBIDDEN), an unknown URL is BAD_USER_INPUT', async () => {
    const id = await activeImage();
    await add(server.alice, id, remote.url('/data/100'));
    const [own] = (await view(server.alice, id)).locations ?? [];
    expect((await server.admin.error('BAD_USER_INPUT', RemoveImageLocationDocument, { input: { imageId: id, url: remote.url('/data/9') } })).message).toMatch(/no location/);
    const { removeImageLocation } = await server.admin.mutate(RemoveImageLocationDocument, { input: { imageId: id, url: own!.url } });
    expect(removeImageLocation.image.locations).toEqual([{ url: remote.url('/data/100'), metadata: {} }]);
    expect(storeFiles(server.dataDir)).not.toContain(id);
    expect((await server.admin.error('FORBIDDEN', RemoveImageLocationDocument, { input: { imageId: id, url: remote.url('/data/100') } })).message).toMatch(/last location/);
  });

  it('needs delete_image_location, which only admins have by default', async () => {
    const id = await activeImage();
    await add(server.alice, id, remote.url('/data/100'));
    expect((await server.alice.error('FORBIDDEN', RemoveImageLocationDocument, { input: { imageId: id, url: remote.url('/data/100') } })).message).toMatch(/delete_image_location/);
  });
});

describe('who sees locations', () => {
  it('hides a DEACTIVATED image’s locations and directUrl from non-admins, not from admins', async () => {
    const id = await activeImage();
    await server.alice.mutate(DeactivateImageDocument, { input: { id } });
    expect(await view(server.alice, id)).toMatchObject({ locations: [], directUrl: null });
    expect((await view(server.admin, id)).locations).toHaveLength(1);
  });

  it('guards Image.locations with get_image_location: another project’s member is refused', async () => {
    const id = await activeImage();
    await server.alice.mutate(UpdateImageDocument, { input: { id, visibility: 'COMMUNITY' } });
    expect((await server.bob.error('FORBIDDEN', ImageDataDocument, { id })).message).toMatch(/get_image_location/);
  });

  it('answers NOT_FOUND to a caller who cannot see the image, before looking at the URL', async () => {
    const id = await activeImage();
    await server.bob.error('NOT_FOUND', AddImageLocationDocument, { input: { imageId: id, url: 'file:///etc/passwd' } });
  });
});
