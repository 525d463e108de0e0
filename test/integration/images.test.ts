import { describe, expect, it } from 'vitest';
import {
  AddImageTagDocument, CreateImageDocument, DeleteImageDocument, GetImageDocument, ImageFormatsDocument, ListImagesDocument,
  RemoveImageTagDocument, UpdateImageDocument,
} from '../generated/operations.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer({ image_tag_quota: 3, image_property_quota: 2 });

describe('createImage', () => {
  it('creates a queued, shared image owned by the caller’s project with Glance’s defaults', async () => {
    const image = await createImage(server.alice, { name: 'cirros', diskFormat: 'VHDX', tags: ['b', 'a', 'b'], properties: [{ key: 'os_distro', value: 'cirros' }] });
    expect(image).toMatchObject({
      name: 'cirros', status: 'QUEUED', visibility: 'SHARED', protected: false, osHidden: false, owner: 'project-a',
      diskFormat: 'VHDX', containerFormat: 'BARE', size: null, minDisk: 0, minRam: 0, checksum: null,
      tags: ['a', 'b'], properties: [{ key: 'os_distro', value: 'cirros' }],
    });
    expect(image.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(image.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('accepts a client-chosen id once, and never again, even after the image is deleted', async () => {
    const id = '3f0e2a7c-51a4-4b8e-9a57-8e5a3c7e4b10';
    await createImage(server.alice, { id });
    await server.alice.error('CONFLICT', CreateImageDocument, { input: { id } });
    await server.alice.mutate(DeleteImageDocument, { input: { id } });
    const error = await server.alice.error('CONFLICT', CreateImageDocument, { input: { id } });
    expect(error.message).toMatch(/never reused/);
  });

  it('refuses malformed input with BAD_USER_INPUT and a message naming the field', async () => {
    expect((await server.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { id: 'not-a-uuid' } })).message).toMatch(/UUID/);
    expect((await server.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { name: 'x'.repeat(256) } })).message).toMatch(/name/);
    expect((await server.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { name: 'smile 😀' } })).message).toMatch(/4-byte/);
    expect((await server.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { minDisk: -1 } })).message).toMatch(/minDisk/);
    expect((await server.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { tags: [''] } })).message).toMatch(/tag/);
    expect((await server.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { protected: null } })).message).toMatch(/protected/);
  });

  it('refuses Glance’s reserved property names with FORBIDDEN', async () => {
    for (const key of ['checksum', 'locations', 'direct_url', 'os_glance_import_task', 'os_hash_value']) {
      const error = await server.alice.error('FORBIDDEN', CreateImageDocument, { input: { properties: [{ key, value: 'x' }] } });
      expect(error.message).toContain(key);
    }
  });

  it('enforces image_tag_quota and image_property_quota with PAYLOAD_TOO_LARGE', async () => {
    expect((await server.alice.error('PAYLOAD_TOO_LARGE', CreateImageDocument, { input: { tags: ['a', 'b', 'c', 'd'] } })).message).toMatch(/image_tag_quota/);
    const properties = ['p1', 'p2', 'p3'].map((key) => ({ key, value: 'v' }));
    expect((await server.alice.error('PAYLOAD_TOO_LARGE', CreateImageDocument, { input: { properties } })).message).toMatch(/image_property_quota/);
  });

  it('lets only admins make images PUBLIC or own them for another project', async () => {
    await server.alice.error('FORBIDDEN', CreateImageDocument, { input: { visibility: 'PUBLIC' } });
    await server.alice.error('FORBIDDEN', CreateImageDocument, { input: { owner: 'project-b' } });
    expect((await createImage(server.alice, { visibility: 'COMMUNITY' })).visibility).toBe('COMMUNITY');
    expect(await createImage(server.admin, { visibility: 'PUBLIC', owner: 'project-b' })).toMatchObject({ visibility: 'PUBLIC', owner: 'project-b' });
  });

  it('is refused to a reader (add_image needs the member role)', async () => {
    await server.reader.error('FORBIDDEN', CreateImageDocument, { input: {} });
  });
});

describe('imageFormats', () => {
  it('lists the default formats, VHDX included, and a VHDX image is created and listed', async () => {
    const { imageFormats } = await server.alice.data(ImageFormatsDocument);
    expect(imageFormats.diskFormats).toEqual(['AMI', 'ARI', 'AKI', 'VHD', 'VHDX', 'VMDK', 'RAW', 'QCOW2', 'VDI', 'ISO', 'PLOOP']);
    expect(imageFormats.containerFormats).toEqual(['AMI', 'ARI', 'AKI', 'BARE', 'OVF', 'OVA', 'DOCKER', 'COMPRESSED']);
    const image = await createImage(server.alice, { name: 'vhdx-by-default', diskFormat: 'VHDX' });
    const listed = await server.alice.data(ListImagesDocument, { filter: { diskFormat: ['VHDX'], name: 'vhdx-by-default' } });
    expect(listed.images.edges.map((edge) => edge.node)).toMatchObject([{ id: image.id, diskFormat: 'VHDX' }]);
  });
});

describe('formats the configuration disables', () => {
  const restricted = useTestServer({ disk_formats: ['raw', 'qcow2'], container_formats: ['bare'] });

  it('imageFormats lists exactly the enabled formats', async () => {
    const { imageFormats } = await restricted.alice.data(ImageFormatsDocument);
    expect(imageFormats).toEqual({ diskFormats: ['RAW', 'QCOW2'], containerFormats: ['BARE'] });
  });

  it('createImage refuses a disabled format with BAD_USER_INPUT naming the allowed ones', async () => {
    const disk = await restricted.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { diskFormat: 'VHDX', containerFormat: 'BARE' } });
    expect(disk.message).toMatch(/VHDX.*not enabled.*allowed: RAW, QCOW2$/);
    const container = await restricted.alice.error('BAD_USER_INPUT', CreateImageDocument, { input: { diskFormat: 'RAW', containerFormat: 'OVF' } });
    expect(container.message).toMatch(/OVF.*not enabled.*allowed: BARE$/);
    expect((await createImage(restricted.alice, { diskFormat: 'QCOW2' })).diskFormat).toBe('QCOW2');
  });

  it('updateImage refuses a disabled format the same way and leaves the image unchanged', async () => {
    const image = await createImage(restricted.alice, { diskFormat: 'RAW' });
    const disk = await restricted.alice.error('BAD_USER_INPUT', UpdateImageDocument, { input: { id: image.id, diskFormat: 'VHDX' } });
    expect(disk.message).toMatch(/VHDX.*not enabled.*allowed: RAW, QCOW2$/);
    const container = await restricted.alice.error('BAD_USER_INPUT', UpdateImageDocument, { input: { id: image.id, containerFormat: 'OVA' } });
    expect(container.message).toMatch(/OVA.*not enabled.*allowed: BARE$/);
    expect((await restricted.alice.data(GetImageDocument, { id: image.id })).image).toMatchObject({ diskFormat: 'RAW', containerFormat: 'BARE' });
  });
});

describe('updateImage', () => {
  it('changes fields and properties; null clears a clearable field', async () => {
    const image = await createImage(server.alice, { name: 'before', properties: [{ key: 'k1', value: 'v1' }] });
    const { updateImage } = await server.alice.mutate(UpdateImageDocument, {
      input: { id: image.id, name: null, minRam: 512, osHidden: true, setProperties: [{ key: 'k2', value: 'v2' }, { key: 'k1', value: 'v1b' }] },
    });
    expect(updateImage.image).toMatchObject({ name: null, minRam: 512, osHidden: true, properties: [{ key: 'k1', value: 'v1b' }, { key: 'k2', value: 'v2' }] });
    const removed = await server.alice.mutate(UpdateImageDocument, { input: { id: image.id, removeProperties: ['k1'] } });
    expect(removed.updateImage.image.properties).toEqual([{ key: 'k2', value: 'v2' }]);
    expect(Date.parse(removed.updateImage.image.updatedAt)).toBeGreaterThanOrEqual(Date.parse(image.updatedAt));
  });

  it('answers CONFLICT for removing a property that is not there, and changes nothing', async () => {
    const image = await createImage(server.alice, { name: 'keep' });
    await server.alice.error('CONFLICT', UpdateImageDocument, { input: { id: image.id, name: 'changed', removeProperties: ['nope'] } });
    expect((await server.alice.data(GetImageDocument, { id: image.id })).image?.name).toBe('keep');
  });

  it('changes formats only while QUEUED (CONFLICT otherwise)', async () => {
    const image = await createImage(server.alice);
    expect((await server.alice.mutate(UpdateImageDocument, { input: { id: image.id, diskFormat: 'QCOW2' } })).updateImage.image.diskFormat).toBe('QCOW2');
    await setImageRow(server, image.id, { status: 'active', size: 10 });
    const error = await server.alice.error('CONFLICT', UpdateImageDocument, { input: { id: image.id, diskFormat: 'VHDX' } });
    expect(error.message).toMatch(/ACTIVE/);
  });

  it('follows Glance’s ownership rules: NOT_FOUND when invisible, FORBIDDEN when visible but not yours', async () => {
    const privateImage = await createImage(server.alice, { visibility: 'PRIVATE' });
    await server.bob.error('NOT_FOUND', UpdateImageDocument, { input: { id: privateImage.id, name: 'x' } });
    const community = await createImage(server.alice, { visibility: 'COMMUNITY' });
    await server.bob.error('FORBIDDEN', UpdateImageDocument, { input: { id: community.id, name: 'x' } });
    await server.reader.error('FORBIDDEN', UpdateImageDocument, { input: { id: privateImage.id, name: 'x' } });
    await server.alice.error('FORBIDDEN', UpdateImageDocument, { input: { id: privateImage.id, owner: 'project-b' } });
    await server.alice.error('FORBIDDEN', UpdateImageDocument, { input: { id: privateImage.id, visibility: 'PUBLIC' } });
    const { updateImage } = await server.admin.mutate(UpdateImageDocument, { input: { id: privateImage.id, owner: 'project-b' } });
    expect(updateImage.image.owner).toBe('project-b');
  });

  it('rejects a value outside the DiskFormat enum at validation, before the server logic', async () => {
    const image = await createImage(server.alice);
    const response = await server.alice.raw('mutation { updateImage(input: { id: "' + image.id + '", diskFormat: FLOPPY }) { image { id } } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('deleteImage', () => {
  it('refuses protected images, deletes others, and the image is gone afterwards', async () => {
    const image = await createImage(server.alice, { protected: true });
    expect((await server.alice.error('FORBIDDEN', DeleteImageDocument, { input: { id: image.id } })).message).toMatch(/protected/);
    await server.alice.mutate(UpdateImageDocument, { input: { id: image.id, protected: false } });
    expect((await server.alice.mutate(DeleteImageDocument, { input: { id: image.id } })).deleteImage.id).toBe(image.id);
    expect((await server.alice.data(GetImageDocument, { id: image.id })).image).toBeNull();
    expect((await server.admin.data(GetImageDocument, { id: image.id })).image).toBeNull();
    const listed = await server.admin.data(ListImagesDocument, { filter: { owner: 'project-a' }, first: 1000 });
    expect(listed.images.edges.map((edge) => edge.node.id)).not.toContain(image.id);
    await server.alice.error('NOT_FOUND', DeleteImageDocument, { input: { id: image.id } });
  });

  it('is refused to other projects (NOT_FOUND or FORBIDDEN) and allowed to admins', async () => {
    const shared = await createImage(server.alice);
    await server.bob.error('NOT_FOUND', DeleteImageDocument, { input: { id: shared.id } });
    const community = await createImage(server.alice, { visibility: 'COMMUNITY' });
    await server.bob.error('FORBIDDEN', DeleteImageDocument, { input: { id: community.id } });
    await server.admin.mutate(DeleteImageDocument, { input: { id: community.id } });
  });
});

describe('tags', () => {
  it('adds idempotently, removes, and refuses removing a missing tag', async () => {
    const image = await createImage(server.alice, { tags: ['one'] });
    await server.alice.mutate(AddImageTagDocument, { input: { imageId: image.id, tag: 'two' } });
    const again = await server.alice.mutate(AddImageTagDocument, { input: { imageId: image.id, tag: 'two' } });
    expect(again.addImageTag.image.tags).toEqual(['one', 'two']);
    const removed = await server.alice.mutate(RemoveImageTagDocument, { input: { imageId: image.id, tag: 'one' } });
    expect(removed.removeImageTag.image.tags).toEqual(['two']);
    await server.alice.error('NOT_FOUND', RemoveImageTagDocument, { input: { imageId: image.id, tag: 'one' } });
  });

  it('counts tags against image_tag_quota', async () => {
    const image = await createImage(server.alice, { tags: ['a', 'b', 'c'] });
    await server.alice.error('PAYLOAD_TOO_LARGE', AddImageTagDocument, { input: { imageId: image.id, tag: 'd' } });
  });
});
