// The @policy directives over HTTP: Glance's default rules, deactivate/reactivate, delete_deactivated_image, and
// an operator's policy file changed while the server runs (every guarded field: policy-fields.test.ts).
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DeactivateImageDocument, DeleteImageDocument, GetImageDocument, ImageViewerCanDocument, ListImagesDocument,
  ReactivateImageDocument,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { startTestServer, useTestServer } from '../helpers/server.js';
import { download } from './image-data-fixtures.js';

const policyDir = mkdtempSync(join(tmpdir(), 'glance-policy-'));
const policyFile = join(policyDir, 'policy.yaml');

const server = useTestServer(() => {
  writeFileSync(policyFile, '# no overrides yet\n{}\n');
  return { policy_file: policyFile };
});

let edits = 0;

/** Replaces the file the way careful tools do (a new file renamed over it), so no reader sees it half-written. */
function replacePolicyFile(text: string) {
  const temporary = `${policyFile}.${++edits}.tmp`;
  // A file must say when it means no overrides.
  writeFileSync(temporary, `# edit ${edits}\n${text || '{}'}\n`);
  renameSync(temporary, policyFile);
}

/** Puts `text` in force at once; only the test of the file watcher waits for the server to notice by itself. */
async function writePolicy(text: string) {
  replacePolicyFile(text);
  expect(await server.server.policy.reload()).toBe(true);
}

async function activeImage(client: GraphQLClient, visibility: 'SHARED' | 'COMMUNITY' = 'SHARED') {
  const image = await createImage(client, { visibility });
  await setImageRow(server, image.id, { status: 'active', size: 1 });
  return image;
}

describe('deactivateImage and reactivateImage', () => {
  it('move ACTIVE ↔ DEACTIVATED and are idempotent on the target status', async () => {
    const image = await activeImage(server.alice);
    expect((await server.alice.mutate(DeactivateImageDocument, { input: { id: image.id } })).deactivateImage.image.status).toBe('DEACTIVATED');
    expect((await server.alice.mutate(DeactivateImageDocument, { input: { id: image.id } })).deactivateImage.image.status).toBe('DEACTIVATED');
    expect((await server.alice.mutate(ReactivateImageDocument, { input: { id: image.id } })).reactivateImage.image.status).toBe('ACTIVE');
    expect((await server.alice.mutate(ReactivateImageDocument, { input: { id: image.id } })).reactivateImage.image.status).toBe('ACTIVE');
  });

  it('answer CONFLICT from any other status, naming it', async () => {
    const queued = await createImage(server.alice);
    expect((await server.alice.error('CONFLICT', DeactivateImageDocument, { input: { id: queued.id } })).message).toMatch(/QUEUED/);
    await server.alice.error('CONFLICT', ReactivateImageDocument, { input: { id: queued.id } });
    expect((await server.alice.data(GetImageDocument, { id: queued.id })).image?.status).toBe('QUEUED');
  });

  it('need the deactivate/reactivate policies: other projects get NOT_FOUND or FORBIDDEN, readers FORBIDDEN', async () => {
    const shared = await activeImage(server.alice);
    await server.bob.error('NOT_FOUND', DeactivateImageDocument, { input: { id: shared.id } });
    await server.reader.error('FORBIDDEN', DeactivateImageDocument, { input: { id: shared.id } });
    const community = await activeImage(server.alice, 'COMMUNITY');
    await server.bob.error('FORBIDDEN', DeactivateImageDocument, { input: { id: community.id } });
    expect((await server.admin.mutate(DeactivateImageDocument, { input: { id: community.id } })).deactivateImage.image.status).toBe('DEACTIVATED');
    await server.bob.error('FORBIDDEN', ReactivateImageDocument, { input: { id: community.id } });
  });
});

describe('an operator policy file, reloaded while the server runs', () => {
  it('is noticed when it changes on disk: a rule restricts a mutation, and removing it restores the default', async () => {
    const image = await activeImage(server.alice);
    const aliceMayDeactivate = async () => (await server.alice.data(ImageViewerCanDocument, { id: image.id })).image!.viewerCan.deactivate;
    replacePolicyFile('deactivate: "role:admin"\n');
    await expect.poll(aliceMayDeactivate, { timeout: 5_000, interval: 50 }).toBe(false);
    const denied = await server.alice.error('FORBIDDEN', DeactivateImageDocument, { input: { id: image.id } });
    expect(denied.message).toMatch(/deactivate/);
    expect((await server.alice.data(GetImageDocument, { id: image.id })).image?.status).toBe('ACTIVE');
    replacePolicyFile('# rule removed\n{}\n');
    await expect.poll(aliceMayDeactivate, { timeout: 5_000, interval: 50 }).toBe(true);
    await server.alice.mutate(DeactivateImageDocument, { input: { id: image.id } });
  });

  it('keeps the last good rules when the file stops parsing', async () => {
    await writePolicy('get_images: "!"\n');
    await server.alice.error('FORBIDDEN', ListImagesDocument, {});
    replacePolicyFile('get_images: "role:member and ("\n');
    expect(await server.server.policy.reload()).toBe(false);
    await server.alice.error('FORBIDDEN', ListImagesDocument, {});
    await writePolicy('');
    await server.alice.data(ListImagesDocument, {});
  });
});

describe('an operator policy file', () => {
  it('get_image "!" hides single images (null), as an invisible image', async () => {
    const image = await activeImage(server.alice);
    await writePolicy('get_image: "!"\n');
    expect((await server.alice.data(GetImageDocument, { id: image.id })).image).toBeNull();
    await writePolicy('');
  });

  it('refuses to start with a policy file that names an unknown policy or does not parse, naming the policy', async () => {
    const bad = join(policyDir, 'bad.yaml');
    writeFileSync(bad, 'delete_imag: "role:admin"\ndeactivate: "role:admin and"\n');
    const failure = await startTestServer({ policy_file: bad }).then(
      (started) => started.close().then(() => null),
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/delete_imag/);
    expect(failure).toMatch(/deactivate/);
  });

  it('starts with a file copied from Glance, ignoring the policies for APIs this server does not have', async () => {
    const fromGlance = join(policyDir, 'from-glance.yaml');
    writeFileSync(fromGlance, 'copy_image: "role:admin"\ncache_list: "role:admin"\nget_images: "!"\n');
    const started = await startTestServer({ policy_file: fromGlance });
    try {
      const { alice: someone } = await started.personas();
      await someone.error('FORBIDDEN', ListImagesDocument, {});
    } finally {
      await started.close();
    }
  });
});

describe('a guarded object field', () => {
  it('denied answers FORBIDDEN on that field only; the rest of the list still answers', async () => {
    const image = await createImage(server.alice, { visibility: 'COMMUNITY', name: 'shared-with-everyone' });
    const query = `{ images(filter: { visibility: COMMUNITY }, first: 50) { edges { node { id name locations { url } directUrl } } } }`;
    const response = await server.bob.raw(query);
    type Node = { id: string; name: string; locations: unknown; directUrl: unknown };
    const nodes = (response.data as { images: { edges: { node: Node }[] } }).images.edges.map((edge) => edge.node);
    expect(nodes.find((node) => node.id === image.id)).toEqual({ id: image.id, name: 'shared-with-everyone', locations: null, directUrl: null });
    for (const field of ['locations', 'directUrl']) {
      const denied = response.errors?.filter((error) => error.path?.at(-1) === field);
      expect(denied?.map((error) => error.extensions?.code), field).toContain('FORBIDDEN');
    }
    expect((await server.alice.raw(query)).errors).toBeUndefined();
  });
});

describe('delete_deactivated_image', () => {
  it('lets whoever may delete the image delete it when deactivated, by default', async () => {
    const image = await activeImage(server.alice);
    await server.alice.mutate(DeactivateImageDocument, { input: { id: image.id } });
    await server.alice.mutate(DeleteImageDocument, { input: { id: image.id } });
  });

  it('can be restricted by the operator to admins, for deactivated images only', async () => {
    await writePolicy('delete_deactivated_image: "role:admin"\n');
    const suspect = await activeImage(server.alice);
    await server.alice.mutate(DeactivateImageDocument, { input: { id: suspect.id } });
    const error = await server.alice.error('FORBIDDEN', DeleteImageDocument, { input: { id: suspect.id } });
    expect(error.message).toMatch(/delete_deactivated_image/);
    expect((await server.alice.data(GetImageDocument, { id: suspect.id })).image?.status).toBe('DEACTIVATED');
    const ordinary = await activeImage(server.alice);
    await server.alice.mutate(DeleteImageDocument, { input: { id: ordinary.id } });
    await server.admin.mutate(DeleteImageDocument, { input: { id: suspect.id } });
    await writePolicy('');
  });
});

describe('Image.viewerCan', () => {
  type Persona = 'admin' | 'owner' | 'other';
  const statuses = ['QUEUED', 'ACTIVE', 'DEACTIVATED'] as const;
  const policies = { default: '', adminOnlyDeactivatedDelete: 'delete_deactivated_image: "role:admin"\n' };

  async function imageIn(status: (typeof statuses)[number]) {
    // COMMUNITY so that the other project can see the image and read viewerCan.
    const image = await createImage(server.alice, { visibility: 'COMMUNITY' });
    if (status !== 'QUEUED') await setImageRow(server, image.id, { status: 'active', size: 1 });
    if (status === 'DEACTIVATED') await server.admin.mutate(DeactivateImageDocument, { input: { id: image.id } });
    return image;
  }

  for (const [policyName, policyText] of Object.entries(policies)) {
    it(`delete agrees with deleteImage for every identity × status (${policyName} policy)`, async () => {
      await writePolicy(policyText);
      const clients: Record<Persona, GraphQLClient> = { admin: server.admin, owner: server.alice, other: server.bob };
      const observed: string[] = [];
      for (const [persona, client] of Object.entries(clients)) {
        for (const status of statuses) {
          const image = await imageIn(status);
          const { image: seen } = await client.data(ImageViewerCanDocument, { id: image.id });
          const predicted = seen?.viewerCan.delete ?? false;
          const response = await client.request(DeleteImageDocument, { input: { id: image.id } });
          const succeeded = response.errors === undefined;
          expect(succeeded, `${persona} deleting a ${status} image`).toBe(predicted);
          observed.push(`${persona}/${status}:${succeeded}`);
        }
      }
      const ownerDeactivated = policyName === 'default';
      expect(observed).toEqual([
        'admin/QUEUED:true', 'admin/ACTIVE:true', 'admin/DEACTIVATED:true',
        'owner/QUEUED:true', 'owner/ACTIVE:true', `owner/DEACTIVATED:${ownerDeactivated}`,
        'other/QUEUED:false', 'other/ACTIVE:false', 'other/DEACTIVATED:false',
      ]);
    });
  }

  it('reports the other actions from the same rules', async () => {
    await writePolicy('');
    const image = await imageIn('ACTIVE');
    const owner = (await server.alice.data(ImageViewerCanDocument, { id: image.id })).image!.viewerCan;
    expect(owner).toEqual({ delete: true, deactivate: true, reactivate: true, setLocation: false, download: true, modify: true });
    const other = (await server.bob.data(ImageViewerCanDocument, { id: image.id })).image!.viewerCan;
    expect(other).toEqual({ delete: false, deactivate: false, reactivate: false, setLocation: false, download: true, modify: false });
    const readerView = (await server.reader.data(ImageViewerCanDocument, { id: image.id })).image!.viewerCan;
    expect(readerView).toMatchObject({ delete: false, modify: false, download: false });
  });

  it('says no download where get_image hides the image from the caller, as the byte route answers NOT_FOUND', async () => {
    const image = await imageIn('ACTIVE');
    await writePolicy('get_image: "role:admin"\n');
    // Lists are scoped by visibility, not get_image, so the owner still lists the image and reads viewerCan there.
    const listed = await server.alice.raw('query($id: ID!) { image(id: $id) { id } images(first: 100) { edges { node { id viewerCan { download } } } } }', { id: image.id });
    const node = (listed.data as { images: { edges: { node: { id: string; viewerCan: { download: boolean } } }[] } }).images.edges.find((edge) => edge.node.id === image.id)!.node;
    expect(node.viewerCan.download).toBe(false);
    expect((await download(server.alice, image.id)).status).toBe(404);
  });
});
