// Image sharing over HTTP: adding, answering and removing members, who may do which, and what members see.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageMemberDocument, DeleteImageDocument, GetImageDocument, ImageMemberDocument, ImageMembersDocument, RemoveImageMemberDocument,
  SharedWithMeDocument, UpdateImageDocument, UpdateImageMemberDocument, type MemberStatus,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { ImageMember } from '../../src/persistence/index.js';

const server = useTestServer({ image_member_quota: 2 });
let carol: GraphQLClient;

beforeAll(async () => {
  carol = await server.as('carol', 'project-c', ['member']);
});

const add = (client: GraphQLClient, imageId: string, memberId: string) =>
  client.mutate(AddImageMemberDocument, { input: { imageId, memberId } }).then((data) => data.addImageMember.member);
const answer = (client: GraphQLClient, imageId: string, memberId: string, status: MemberStatus) =>
  client.mutate(UpdateImageMemberDocument, { input: { imageId, memberId, status } }).then((data) => data.updateImageMember.member);
const memberIds = async (client: GraphQLClient, id: string) =>
  (await client.data(ImageMembersDocument, { id })).image?.members?.map((member) => `${member.memberId}:${member.status}`);
const sharedWithBob = async () => (await server.bob.data(SharedWithMeDocument, {})).sharedWithMe.edges.map((edge) => edge.node.id);
const sees = async (client: GraphQLClient, id: string) => (await client.data(GetImageDocument, { id })).image !== null;

/** An image of alice's shared with project-b (and project-c when asked), as a fresh fixture for one test. */
async function sharedImage(...memberIds: string[]) {
  const image = await createImage(server.alice, { name: 'shared' });
  for (const memberId of memberIds) await add(server.alice, image.id, memberId);
  return image.id;
}

describe('addImageMember', () => {
  it('shares a SHARED image: the project starts PENDING and can already use the image by id', async () => {
    const image = await createImage(server.alice);
    expect(await sees(server.bob, image.id)).toBe(false);
    const member = await add(server.alice, image.id, 'project-b');
    expect(member).toMatchObject({ imageId: image.id, memberId: 'project-b', status: 'PENDING', image: { id: image.id } });
    expect(member.createdAt).toBe(member.updatedAt);
    expect(await sees(server.bob, image.id)).toBe(true);
    expect(await sees(carol, image.id)).toBe(false);
  });

  it('gives each membership an id of its own that stays the same through answers, removal and re-adding', async () => {
    const imageId = await sharedImage();
    const other = await sharedImage();
    const added = await add(server.alice, imageId, 'project-b');
    expect((await answer(server.bob, imageId, 'project-b', 'ACCEPTED')).id).toBe(added.id);
    await server.alice.mutate(RemoveImageMemberDocument, { input: { imageId, memberId: 'project-b' } });
    expect((await add(server.alice, imageId, 'project-b')).id).toBe(added.id);
    const distinct = new Set([added.id, (await add(server.alice, imageId, 'project-c')).id, (await add(server.alice, other, 'project-b')).id]);
    expect(distinct.size).toBe(3);
  });

  it('refuses to share an image that is not SHARED with FORBIDDEN', async () => {
    for (const visibility of ['PRIVATE', 'COMMUNITY'] as const) {
      const image = await createImage(server.alice, { visibility });
      const error = await server.alice.error('FORBIDDEN', AddImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b' } });
      expect(error.message).toMatch(/only SHARED images have members/);
    }
  });

  it('refuses a project that is already a member with CONFLICT', async () => {
    const id = await sharedImage('project-b');
    const error = await server.alice.error('CONFLICT', AddImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    expect(error.message).toMatch(/already a member/);
  });

  it('enforces image_member_quota with PAYLOAD_TOO_LARGE, and counts only current members', async () => {
    const id = await sharedImage('project-b', 'project-c');
    const error = await server.alice.error('PAYLOAD_TOO_LARGE', AddImageMemberDocument, { input: { imageId: id, memberId: 'project-d' } });
    expect(error.message).toMatch(/image_member_quota/);
    await server.alice.mutate(RemoveImageMemberDocument, { input: { imageId: id, memberId: 'project-c' } });
    await add(server.alice, id, 'project-d');
    expect(await memberIds(server.alice, id)).toEqual(['project-b:PENDING', 'project-d:PENDING']);
  });

  it('is FORBIDDEN to a member project, to the owner’s readers, and NOT_FOUND to projects that cannot see the image', async () => {
    const id = await sharedImage('project-b');
    const input = { imageId: id, memberId: 'project-d' };
    await server.bob.error('FORBIDDEN', AddImageMemberDocument, { input });
    await server.reader.error('FORBIDDEN', AddImageMemberDocument, { input });
    await carol.error('NOT_FOUND', AddImageMemberDocument, { input });
    expect(await memberIds(server.alice, id)).toEqual(['project-b:PENDING']);
  });

  it('lets an admin share another project’s image', async () => {
    const id = await sharedImage();
    expect(await add(server.admin, id, 'project-c')).toMatchObject({ memberId: 'project-c', status: 'PENDING' });
  });

  it('refuses an empty or overlong project id with BAD_USER_INPUT', async () => {
    const id = await sharedImage();
    await server.alice.error('BAD_USER_INPUT', AddImageMemberDocument, { input: { imageId: id, memberId: ' ' } });
    await server.alice.error('BAD_USER_INPUT', AddImageMemberDocument, { input: { imageId: id, memberId: 'p'.repeat(256) } });
  });

  it('refuses the owner’s own project with BAD_USER_INPUT', async () => {
    const id = await sharedImage();
    const error = await server.alice.error('BAD_USER_INPUT', AddImageMemberDocument, { input: { imageId: id, memberId: 'project-a' } });
    expect(error.message).toMatch(/project-a owns image/);
    expect(await memberIds(server.alice, id)).toEqual([]);
  });

  it('keeps the quota and the duplicate rule when adds arrive in parallel', async () => {
    const codesOf = async (memberIdsToAdd: string[]) => {
      const id = await sharedImage();
      const responses = await Promise.all(
        memberIdsToAdd.map((memberId) => server.alice.request(AddImageMemberDocument, { input: { imageId: id, memberId } })),
      );
      return { id, codes: responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'OK').sort() };
    };
    const quota = await codesOf(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(quota.codes).toEqual(['OK', 'OK', 'PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE']);
    expect(await memberIds(server.alice, quota.id)).toHaveLength(2);
    const duplicate = await codesOf(['project-b', 'project-b']);
    expect(duplicate.codes).toEqual(['CONFLICT', 'OK']);
  });

  it('brings a removed member back as PENDING, reusing its row', async () => {
    const id = await sharedImage('project-b');
    await answer(server.bob, id, 'project-b', 'ACCEPTED');
    await server.alice.mutate(RemoveImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    expect(await add(server.alice, id, 'project-b')).toMatchObject({ status: 'PENDING' });
    const rows = await server.server.db.orm.em.fork().count(ImageMember, { image: id }, { filters: false });
    expect(rows).toBe(1);
  });
});

describe('updateImageMember', () => {
  it('lets the member project accept and reject; the answer is what everyone then sees', async () => {
    const id = await sharedImage('project-b');
    const accepted = await answer(server.bob, id, 'project-b', 'ACCEPTED');
    expect(accepted.status).toBe('ACCEPTED');
    expect(Date.parse(accepted.updatedAt)).toBeGreaterThanOrEqual(Date.parse(accepted.createdAt));
    expect(await memberIds(server.alice, id)).toEqual(['project-b:ACCEPTED']);
    await answer(server.bob, id, 'project-b', 'REJECTED');
    expect(await memberIds(server.bob, id)).toEqual(['project-b:REJECTED']);
    expect(await sees(server.bob, id)).toBe(true);
  });

  it('is FORBIDDEN to the owner, NOT_FOUND for another member’s entry or a project that cannot see the image', async () => {
    const id = await sharedImage('project-b', 'project-c');
    await server.alice.error('FORBIDDEN', UpdateImageMemberDocument, { input: { imageId: id, memberId: 'project-b', status: 'ACCEPTED' } });
    await server.bob.error('NOT_FOUND', UpdateImageMemberDocument, { input: { imageId: id, memberId: 'project-c', status: 'REJECTED' } });
    const dave = await server.as('dave', 'project-d', ['member']);
    await dave.error('NOT_FOUND', UpdateImageMemberDocument, { input: { imageId: id, memberId: 'project-d', status: 'ACCEPTED' } });
    expect(await memberIds(server.alice, id)).toEqual(['project-b:PENDING', 'project-c:PENDING']);
  });

  it('lets an admin answer for any member', async () => {
    const id = await sharedImage('project-b');
    expect(await answer(server.admin, id, 'project-b', 'ACCEPTED')).toMatchObject({ status: 'ACCEPTED' });
  });

  it('refuses an unknown status with BAD_USER_INPUT', async () => {
    const id = await sharedImage('project-b');
    const response = await server.bob.raw(
      'mutation($input: UpdateImageMemberInput!) { updateImageMember(input: $input) { member { status } } }',
      { input: { imageId: id, memberId: 'project-b', status: 'MAYBE' } },
    );
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('removeImageMember', () => {
  it('lets the owner remove a member, which then loses sight of the image', async () => {
    const id = await sharedImage('project-b');
    await answer(server.bob, id, 'project-b', 'ACCEPTED');
    expect(await sharedWithBob()).toContain(id);
    const { removeImageMember } = await server.alice.mutate(RemoveImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    expect(removeImageMember).toEqual({ memberId: 'project-b', image: { id, members: [] } });
    expect(await sees(server.bob, id)).toBe(false);
    expect(await sharedWithBob()).not.toContain(id);
  });

  it('is FORBIDDEN to the member itself, NOT_FOUND for a project that is not a member; admins may', async () => {
    const id = await sharedImage('project-b');
    await server.bob.error('FORBIDDEN', RemoveImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    await server.alice.error('NOT_FOUND', RemoveImageMemberDocument, { input: { imageId: id, memberId: 'project-c' } });
    await server.admin.mutate(RemoveImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    expect(await memberIds(server.alice, id)).toEqual([]);
  });
});

describe('Image.members', () => {
  it('shows the owner and admins every member, a member only its own entry, and others a FORBIDDEN field', async () => {
    const id = await sharedImage('project-b', 'project-c');
    expect(await memberIds(server.alice, id)).toEqual(['project-b:PENDING', 'project-c:PENDING']);
    expect(await memberIds(server.admin, id)).toEqual(['project-b:PENDING', 'project-c:PENDING']);
    expect(await memberIds(server.bob, id)).toEqual(['project-b:PENDING']);
    expect(await memberIds(carol, id)).toEqual(['project-c:PENDING']);
    const publicImage = await createImage(server.admin, { visibility: 'PUBLIC', owner: 'project-a' });
    const error = await server.bob.error('FORBIDDEN', ImageMembersDocument, { id: publicImage.id });
    expect(error.path).toEqual(['image', 'members']);
  });
});

describe('imageMember', () => {
  const read = async (client: GraphQLClient, imageId: string, memberId: string) =>
    (await client.data(ImageMemberDocument, { imageId, memberId })).imageMember?.status ?? null;

  it('shows one entry under the same rules as Image.members, null where the caller may not see it', async () => {
    const id = await sharedImage('project-b', 'project-c');
    await answer(server.bob, id, 'project-b', 'ACCEPTED');
    expect(await read(server.alice, id, 'project-b')).toBe('ACCEPTED');
    expect(await read(server.admin, id, 'project-c')).toBe('PENDING');
    expect(await read(server.bob, id, 'project-b')).toBe('ACCEPTED');
    expect(await read(server.bob, id, 'project-c')).toBeNull();
    expect(await read(server.alice, id, 'project-d')).toBeNull();
  });

  it('is guarded by get_member: FORBIDDEN to a project that is neither owner nor member, NOT_FOUND where it cannot see the image', async () => {
    const publicImage = await createImage(server.admin, { visibility: 'PUBLIC', owner: 'project-a' });
    const error = await server.bob.error('FORBIDDEN', ImageMemberDocument, { imageId: publicImage.id, memberId: 'project-b' });
    expect(error.message).toMatch(/get_member/);
    const id = await sharedImage('project-b');
    await carol.error('NOT_FOUND', ImageMemberDocument, { imageId: id, memberId: 'project-b' });
  });
});

describe('visibility changes and deletion', () => {
  it('a member that accepted loses sight of the image when the owner makes it PRIVATE, and regains it when SHARED again', async () => {
    const id = await sharedImage('project-b');
    await answer(server.bob, id, 'project-b', 'ACCEPTED');
    expect(await sharedWithBob()).toContain(id);
    await server.alice.mutate(UpdateImageDocument, { input: { id, visibility: 'PRIVATE' } });
    expect(await sees(server.bob, id)).toBe(false);
    expect(await sharedWithBob()).not.toContain(id);
    await server.bob.error('NOT_FOUND', UpdateImageMemberDocument, { input: { imageId: id, memberId: 'project-b', status: 'REJECTED' } });
    expect(await memberIds(server.alice, id)).toEqual([]);
    await server.alice.mutate(UpdateImageDocument, { input: { id, visibility: 'SHARED' } });
    expect(await sees(server.bob, id)).toBe(true);
    expect(await memberIds(server.alice, id)).toEqual(['project-b:ACCEPTED']);
  });

  it('members of a deleted image disappear with it', async () => {
    const id = await sharedImage('project-b');
    await answer(server.bob, id, 'project-b', 'ACCEPTED');
    expect(await sharedWithBob()).toContain(id);
    await server.alice.mutate(DeleteImageDocument, { input: { id } });
    expect(await sees(server.bob, id)).toBe(false);
    expect(await sharedWithBob()).not.toContain(id);
    await server.bob.error('NOT_FOUND', UpdateImageMemberDocument, { input: { imageId: id, memberId: 'project-b', status: 'REJECTED' } });
    await server.admin.error('NOT_FOUND', AddImageMemberDocument, { input: { imageId: id, memberId: 'project-c' } });
    // As in Glance, the membership rows are soft-deleted with the image (kept for audit, never matched again).
    const rows = await server.server.db.orm.em.fork().find(ImageMember, { image: id }, { filters: false });
    expect(rows.map((row) => row.deleted)).toEqual([true]);
  });
});

describe('Glance’s ownership rules, which a policy file cannot relax', () => {
  const relaxed = useTestServer(() => {
    const policyFile = join(mkdtempSync(join(tmpdir(), 'glance-member-policy-')), 'policy.yaml');
    writeFileSync(policyFile, 'add_member: "role:reader"\nmodify_member: "role:reader"\ndelete_member: "role:reader"\n');
    return { policy_file: policyFile };
  });

  it('only the owner adds and removes members; the owner never answers for a member', async () => {
    const image = await createImage(relaxed.alice);
    await add(relaxed.alice, image.id, 'project-b');
    const imageId = image.id;
    const adding = await relaxed.bob.error('FORBIDDEN', AddImageMemberDocument, { input: { imageId, memberId: 'project-c' } });
    expect(adding.message).toMatch(/only the project that owns/);
    const removing = await relaxed.bob.error('FORBIDDEN', RemoveImageMemberDocument, { input: { imageId, memberId: 'project-b' } });
    expect(removing.message).toMatch(/only the project that owns/);
    const answering = await relaxed.alice.error('FORBIDDEN', UpdateImageMemberDocument, { input: { imageId, memberId: 'project-b', status: 'ACCEPTED' } });
    expect(answering.message).toMatch(/owner cannot answer/);
    expect(await answer(relaxed.bob, imageId, 'project-b', 'ACCEPTED')).toMatchObject({ status: 'ACCEPTED' });
  });
});
