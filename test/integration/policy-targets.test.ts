// What operator rules can read about an image, over HTTP: every column under Glance's name (disk_format here),
// custom properties (which cannot pose as the owner), for add_image the image to be created (its visibility), and
// for publicize/communitize on update the image being changed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateImageDocument, CreateTaskDocument, DeactivateImageDocument, DeleteImageDocument, GetImageDocument,
  ImageViewerCanDocument, ListImagesDocument, ListTasksDocument, UpdateImageDocument, type CreateImageInput,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

const OWNER_MEMBER = 'role:member and project_id:%(project_id)s';
const POLICY = {
  // No shared images; no role:admin escape, so the admin's imports are held to it too.
  add_image: "role:member and project_id:%(project_id)s and project_id:%(owner)s and not 'shared':%(visibility)s",
  deactivate: `role:admin or (${OWNER_MEMBER} and 'raw':%(disk_format)s)`,
  // Making an image COMMUNITY is judged on the image being changed, as Glance does on update.
  communitize_image: `role:admin or (${OWNER_MEMBER} and not 'qcow2':%(disk_format)s)`,
  // `locked` and `hidden` are custom properties.
  delete_image: `role:admin or (${OWNER_MEMBER} and not 'yes':%(locked)s)`,
  get_image: "role:admin or (role:reader and (project_id:%(project_id)s or 'community':%(visibility)s) and not 'yes':%(hidden)s)",
};

const policyDir = mkdtempSync(join(tmpdir(), 'glance-policy-targets-'));
let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(async () => {
  await source.close();
  rmSync(policyDir, { recursive: true, force: true });
});
const server = useTestServer(() => {
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(POLICY));
  return sourceConfig(source, { policy_file: policyFile });
});

async function activeImage(client: GraphQLClient, input: CreateImageInput) {
  const image = await createImage(client, { visibility: 'PRIVATE', ...input });
  await setImageRow(server, image.id, { status: 'active', size: 1 });
  return image;
}

const viewerCan = async (client: GraphQLClient, id: string) => (await client.data(ImageViewerCanDocument, { id })).image?.viewerCan;
const status = async (id: string) => (await server.admin.data(GetImageDocument, { id })).image?.status;

describe('a rule on a column (disk_format)', () => {
  it('lets the owner deactivate a RAW image and refuses a QCOW2 one, and viewerCan agrees', async () => {
    const raw = await activeImage(server.alice, { diskFormat: 'RAW' });
    const qcow2 = await activeImage(server.alice, { diskFormat: 'QCOW2' });
    expect((await viewerCan(server.alice, raw.id))?.deactivate).toBe(true);
    expect((await viewerCan(server.alice, qcow2.id))?.deactivate).toBe(false);

    expect((await server.alice.mutate(DeactivateImageDocument, { input: { id: raw.id } })).deactivateImage.image.status).toBe('DEACTIVATED');
    await server.alice.error('FORBIDDEN', DeactivateImageDocument, { input: { id: qcow2.id } });
    expect(await status(qcow2.id)).toBe('ACTIVE');
  });
});

describe('publicize_image and communitize_image on update', () => {
  it('are checked against the image being changed, not the caller’s project', async () => {
    const raw = await createImage(server.alice, { visibility: 'PRIVATE', diskFormat: 'RAW' });
    const qcow2 = await createImage(server.alice, { visibility: 'PRIVATE', diskFormat: 'QCOW2' });
    await server.alice.mutate(UpdateImageDocument, { input: { id: raw.id, visibility: 'COMMUNITY' } });
    const refused = await server.alice.error('FORBIDDEN', UpdateImageDocument, { input: { id: qcow2.id, visibility: 'COMMUNITY' } });
    expect(refused.message).toMatch(/communitize_image/);
    expect((await server.admin.data(GetImageDocument, { id: qcow2.id })).image?.visibility).toBe('PRIVATE');
  });
});

describe('a rule on a custom property', () => {
  it('refuses deleting a locked image until the property is gone; viewerCan sees a change in the same request', async () => {
    const image = await createImage(server.alice, { visibility: 'PRIVATE' });
    const edit = (change: string) =>
      server.alice.raw(`mutation ($id: ID!) { updateImage(input: { id: $id, ${change} }) { image { viewerCan { delete } } } }`, { id: image.id });

    expect(await edit('setProperties: [{ key: "locked", value: "yes" }]')).toMatchObject({ data: { updateImage: { image: { viewerCan: { delete: false } } } } });
    await server.alice.error('FORBIDDEN', DeleteImageDocument, { input: { id: image.id } });
    expect(await status(image.id)).toBe('QUEUED');

    expect(await edit('removeProperties: ["locked"]')).toMatchObject({ data: { updateImage: { image: { viewerCan: { delete: true } } } } });
    await server.alice.mutate(DeleteImageDocument, { input: { id: image.id } });
    expect((await server.admin.data(GetImageDocument, { id: image.id })).image).toBeNull();
  });

  it('feeds get_image too: a hidden image is null to its owner, and its other policies answer NOT_FOUND', async () => {
    const image = await activeImage(server.alice, { properties: [{ key: 'hidden', value: 'yes' }] });
    const visible = await activeImage(server.alice, { properties: [{ key: 'hidden', value: 'no' }] });
    expect((await server.alice.data(GetImageDocument, { id: image.id })).image).toBeNull();
    expect((await server.alice.data(GetImageDocument, { id: visible.id })).image?.id).toBe(visible.id);
    await server.alice.error('NOT_FOUND', DeactivateImageDocument, { input: { id: image.id } });
    expect(await status(image.id)).toBe('ACTIVE');
  });

  it('cannot pose as the owner: a property named project_id does not let its project act on the image', async () => {
    const image = await activeImage(server.alice, { visibility: 'COMMUNITY', properties: [{ key: 'project_id', value: 'project-b' }] });
    expect((await server.bob.data(GetImageDocument, { id: image.id })).image?.id).toBe(image.id);
    expect((await viewerCan(server.bob, image.id))?.deactivate).toBe(false);
    await server.bob.error('FORBIDDEN', DeactivateImageDocument, { input: { id: image.id } });
    expect(await status(image.id)).toBe('ACTIVE');
    expect((await viewerCan(server.alice, image.id))?.deactivate).toBe(true);
  });
});

describe('add_image, checked against the image to be created', () => {
  const listedNames = async (client: GraphQLClient) =>
    (await client.data(ListImagesDocument, { first: 100 })).images.edges.map((edge) => edge.node.name);

  it('allows a PRIVATE image and refuses a SHARED one, also when SHARED is the default, creating nothing', async () => {
    expect((await createImage(server.alice, { name: 'kept-private', visibility: 'PRIVATE' })).visibility).toBe('PRIVATE');
    await server.alice.error('FORBIDDEN', CreateImageDocument, { input: { name: 'refused-shared', visibility: 'SHARED' } });
    await server.alice.error('FORBIDDEN', CreateImageDocument, { input: { name: 'refused-default' } });
    const names = await listedNames(server.alice);
    expect(names).toContain('kept-private');
    expect(names).not.toContain('refused-shared');
    expect(names).not.toContain('refused-default');
  });

  it('holds createTask’s image to the same rule: a SHARED import is refused with no task, a PRIVATE one runs', async () => {
    const url = source.url('/image.raw');
    await server.admin.error('FORBIDDEN', CreateTaskDocument, {
      input: importInput(url, { imageProperties: { name: 'refused-import', containerFormat: 'BARE', visibility: 'SHARED' } }),
    });
    expect((await server.admin.data(ListTasksDocument, { first: 10 })).tasks.edges).toHaveLength(0);
    expect(await listedNames(server.admin)).not.toContain('refused-import');

    const { createTask } = await server.admin.mutate(CreateTaskDocument, {
      input: importInput(url, { imageProperties: { name: 'private-import', containerFormat: 'BARE', visibility: 'PRIVATE' } }),
    });
    expect((await finishedTask(server.admin, createTask.task.id)).status).toBe('SUCCESS');
  });
});
