// The download_image and upload_image policies on the byte routes: Glance's defaults, and an operator's policy file
// that keeps both to admins. A refusal is 403 with the JSON error body; an image the caller cannot see is 404 first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageDataDocument, UpdateImageDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, expectHttpError, storeFiles, upload } from './image-data-fixtures.js';

/** A refused byte request: JSON content, HTTP `status`, `code`; returns the message. */
async function refused(response: Response, status: number, code: string): Promise<string> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return expectHttpError(response, status, code);
}

const body = async (response: Response) => {
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};

const statusOf = async (client: GraphQLClient, id: string) => (await client.data(ImageDataDocument, { id })).image?.status;

describe('default policies', () => {
  const server = useTestServer();

  it('download_image: members of a project that sees the image may download; a reader may not (403)', async () => {
    const { id } = await createImage(server.alice);
    const data = bytes(300);
    expect((await upload(server.alice, id, data)).status).toBe(204);
    expect((await body(await download(server.alice, id))).equals(data)).toBe(true);
    expect((await body(await download(server.admin, id))).equals(data)).toBe(true);
    // The reader sees the image (get_image) but the default rule asks for the member role.
    expect(await statusOf(server.reader, id)).toBe('ACTIVE');
    expect(await refused(await download(server.reader, id), 403, 'FORBIDDEN')).toMatch(/download_image/);
    // Another project's member cannot see a private image at all.
    await refused(await download(server.bob, id), 404, 'NOT_FOUND');
    // Once the image is community-visible, that member sees it and may download it.
    await server.alice.mutate(UpdateImageDocument, { input: { id, visibility: 'COMMUNITY' } });
    expect((await body(await download(server.bob, id))).equals(data)).toBe(true);
  });

  it('upload_image: only members of the owning project (and admins); others who see the image get 403', async () => {
    const { id } = await createImage(server.alice, { visibility: 'COMMUNITY' });
    expect(await refused(await upload(server.bob, id, bytes(10)), 403, 'FORBIDDEN')).toMatch(/upload_image/);
    expect(await refused(await upload(server.reader, id, bytes(10)), 403, 'FORBIDDEN')).toMatch(/upload_image/);
    expect(await statusOf(server.alice, id)).toBe('QUEUED');
    expect(storeFiles(server.dataDir)).not.toContain(id);
    const { id: hidden } = await createImage(server.alice);
    await refused(await upload(server.bob, hidden, bytes(10)), 404, 'NOT_FOUND');
    expect((await upload(server.admin, id, bytes(10))).status).toBe(204);
    expect(await statusOf(server.alice, id)).toBe('ACTIVE');
  });
});

describe('an operator policy file restricting download_image and upload_image to admins', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'glance-data-policy-'));
  afterAll(() => rmSync(policyDir, { recursive: true, force: true }));
  const server = useTestServer(() => {
    const policyFile = join(policyDir, 'policy.yaml');
    writeFileSync(policyFile, 'download_image: "role:admin"\nupload_image: "role:admin"\n');
    return { policy_file: policyFile };
  });

  it('refuses the owner’s upload (403) and keeps the image QUEUED with nothing stored; an admin’s goes through', async () => {
    const { id } = await createImage(server.alice);
    expect(await refused(await upload(server.alice, id, bytes(100)), 403, 'FORBIDDEN')).toMatch(/upload_image/);
    expect(await statusOf(server.alice, id)).toBe('QUEUED');
    expect(storeFiles(server.dataDir)).toEqual([]);
    expect((await upload(server.admin, id, bytes(100))).status).toBe(204);
    expect(await statusOf(server.alice, id)).toBe('ACTIVE');
  });

  it('refuses the owner’s download (403); an admin downloads', async () => {
    const { id } = await createImage(server.alice);
    const data = bytes(200);
    expect((await upload(server.admin, id, data)).status).toBe(204);
    expect(await refused(await download(server.alice, id), 403, 'FORBIDDEN')).toMatch(/download_image/);
    expect((await body(await download(server.admin, id))).equals(data)).toBe(true);
  });

  it('answers 404, not 403, to a caller who cannot see the image', async () => {
    const { id } = await createImage(server.alice);
    expect((await upload(server.admin, id, bytes(10))).status).toBe(204);
    const { id: queued } = await createImage(server.alice);
    await refused(await download(server.bob, id), 404, 'NOT_FOUND');
    await refused(await upload(server.bob, queued, bytes(10)), 404, 'NOT_FOUND');
  });
});
