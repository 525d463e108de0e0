// The read path's shortcuts (verified tokens kept, images and memberships read as plain rows) decide nothing about
// authorisation: a field whose policy denies the caller still answers FORBIDDEN, on a listed image and on one read
// by id, for a token sent again, and a policy changed while the token is kept applies to its next request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AddImageMemberDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const policyDir = mkdtempSync(join(tmpdir(), 'glance-read-path-policy-'));
const policyFile = join(policyDir, 'policy.json');
afterAll(() => rmSync(policyDir, { recursive: true, force: true }));
const server = useTestServer(() => {
  writeFileSync(policyFile, JSON.stringify({ get_members: 'role:admin' }));
  return { policy_file: policyFile };
});

const LIST = '{ images(first: 10) { edges { node { id name members { memberId } } } } }';
const ONE = 'query One($id: ID!) { image(id: $id) { id name members { memberId } } }';

describe('a denied field on the read path', () => {
  it('answers FORBIDDEN on every listed image and on the image read by id, request after request, until the policy allows it', async () => {
    const shared = await createImage(server.alice, { name: 'shared', visibility: 'SHARED' });
    await server.alice.mutate(AddImageMemberDocument, { input: { imageId: shared.id, memberId: 'project-b' } });
    const own = await createImage(server.alice, { name: 'own' });

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const listed = await server.alice.raw(LIST);
      const nodes = (listed.data as { images: { edges: { node: { id: string; members: unknown } }[] } }).images.edges.map((edge) => edge.node);
      expect(nodes.map((node) => [node.id, node.members])).toEqual([[own.id, null], [shared.id, null]]);
      expect(listed.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([
        ['FORBIDDEN', ['images', 'edges', 0, 'node', 'members']],
        ['FORBIDDEN', ['images', 'edges', 1, 'node', 'members']],
      ]);

      const read = await server.alice.raw(ONE, { id: shared.id });
      expect(read.data).toEqual({ image: { id: shared.id, name: 'shared', members: null } });
      expect(read.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['FORBIDDEN', ['image', 'members']]]);
    }

    // The same token, kept as verified, meets the policy as it is now.
    writeFileSync(policyFile, JSON.stringify({ get_members: 'role:member' }));
    await expect.poll(async () => (await server.alice.raw(ONE, { id: shared.id })).data, { timeout: 15_000, interval: 200 }).toEqual({
      image: { id: shared.id, name: 'shared', members: [{ memberId: 'project-b' }] },
    });
  });
});
