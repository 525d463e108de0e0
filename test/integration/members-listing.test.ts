// Which shared images a project's lists hold: the memberStatus filter, visibility SHARED, sharedWithMe, the
// admin's view, pagination over shared images, and a constant number of SQL statements for members in a list.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageMemberDocument, ImageNamesWithMembersDocument, SharedWithMeDocument, UpdateImageMemberDocument,
  type ImageNamesWithMembersQueryVariables, type MemberStatus, type SharedWithMeQueryVariables,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer();
let carol: GraphQLClient;

async function names(client: GraphQLClient, variables: ImageNamesWithMembersQueryVariables = {}) {
  const { images } = await client.data(ImageNamesWithMembersDocument, { first: 100, ...variables });
  return images.edges.map((edge) => edge.node.name).sort();
}

async function sharedNames(client: GraphQLClient, variables: SharedWithMeQueryVariables = {}) {
  const { sharedWithMe } = await client.data(SharedWithMeDocument, { first: 100, ...variables });
  return sharedWithMe.edges.map((edge) => edge.node.name).sort();
}

/** An image owned by `owner`, shared with project-b, which answers `status` (PENDING: no answer). */
async function sharedWithB(owner: GraphQLClient, name: string, status: MemberStatus) {
  const { id } = await createImage(owner, { name });
  await owner.mutate(AddImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
  if (status !== 'PENDING') await server.bob.mutate(UpdateImageMemberDocument, { input: { imageId: id, memberId: 'project-b', status } });
  return id;
}

beforeAll(async () => {
  carol = await server.as('carol', 'project-c', ['member']);
  await sharedWithB(server.alice, 'a-pending', 'PENDING');
  await sharedWithB(server.alice, 'a-accepted', 'ACCEPTED');
  await sharedWithB(server.alice, 'a-rejected', 'REJECTED');
  await sharedWithB(carol, 'c-accepted', 'ACCEPTED');
  await createImage(server.alice, { name: 'a-unshared' });
  await createImage(server.bob, { name: 'b-own' });
});

describe('images() for a member project', () => {
  it('holds ACCEPTED shared images by default, besides its own', async () => {
    expect(await names(server.bob)).toEqual(['a-accepted', 'b-own', 'c-accepted']);
    expect(await names(server.bob, { filter: { memberStatus: 'ACCEPTED' } })).toEqual(await names(server.bob));
  });

  it.each([
    ['PENDING', ['a-pending', 'b-own']],
    ['REJECTED', ['a-rejected', 'b-own']],
  ] as const)('holds the %s ones when asked', async (memberStatus, expected) => {
    expect(await names(server.bob, { filter: { memberStatus } })).toEqual(expected);
  });

  it('with visibility SHARED holds its own shared images and those shared with it in the asked-for status', async () => {
    expect(await names(server.bob, { filter: { visibility: 'SHARED' } })).toEqual(['a-accepted', 'b-own', 'c-accepted']);
    expect(await names(server.bob, { filter: { visibility: 'SHARED', memberStatus: 'PENDING' } })).toEqual(['a-pending', 'b-own']);
    expect(await names(server.bob, { filter: { visibility: 'PRIVATE', memberStatus: 'PENDING' } })).toEqual([]);
  });

  it('does not change the owner’s list, whatever the member status asked for', async () => {
    const own = ['a-accepted', 'a-pending', 'a-rejected', 'a-unshared'];
    expect(await names(server.alice)).toEqual(own);
    expect(await names(server.alice, { filter: { memberStatus: 'REJECTED' } })).toEqual(own);
  });

  it('pages through shared images with hasNextPage decided in SQL', async () => {
    const first = await server.bob.data(ImageNamesWithMembersDocument, { first: 2, filter: { visibility: 'SHARED' } });
    expect(first.images.edges).toHaveLength(2);
    expect(first.images.pageInfo.hasNextPage).toBe(true);
    const rest = await server.bob.data(ImageNamesWithMembersDocument, { first: 2, after: first.images.pageInfo.endCursor, filter: { visibility: 'SHARED' } });
    expect(rest.images.edges).toHaveLength(1);
    expect(rest.images.pageInfo.hasNextPage).toBe(false);
    const all = [...first.images.edges, ...rest.images.edges].map((edge) => edge.node.name).sort();
    expect(all).toEqual(['a-accepted', 'b-own', 'c-accepted']);
  });
});

describe('images() for an admin', () => {
  it('holds every image, not narrowed by member status, with every image’s members', async () => {
    const everything = ['a-accepted', 'a-pending', 'a-rejected', 'a-unshared', 'b-own', 'c-accepted'];
    expect(await names(server.admin)).toEqual(everything);
    expect(await names(server.admin, { filter: { memberStatus: 'PENDING' } })).toEqual(everything);
    const { images } = await server.admin.data(ImageNamesWithMembersDocument, { first: 100, filter: { owner: 'project-a' } });
    const members = Object.fromEntries(images.edges.map(({ node }) => [node.name, node.members]));
    expect(members['a-rejected']).toEqual([{ memberId: 'project-b', status: 'REJECTED' }]);
    expect(members['a-unshared']).toEqual([]);
  });
});

describe('sharedWithMe', () => {
  it('lists only other projects’ images shared with the caller, ACCEPTED unless another status is asked for', async () => {
    expect(await sharedNames(server.bob)).toEqual(['a-accepted', 'c-accepted']);
    expect(await sharedNames(server.bob, { status: 'ACCEPTED' })).toEqual(['a-accepted', 'c-accepted']);
    expect(await sharedNames(server.bob, { status: 'PENDING' })).toEqual(['a-pending']);
    expect(await sharedNames(server.bob, { status: 'REJECTED' })).toEqual(['a-rejected']);
    expect(await sharedNames(server.alice)).toEqual([]);
  });

  it('is empty for an admin token without a project, which no image can be shared with', async () => {
    const projectless = await server.as('operator', null, ['admin']);
    expect(await sharedNames(projectless, { status: 'PENDING' })).toEqual([]);
  });
});

describe('statement count', () => {
  const query = 'query { images(first: 50) { edges { node { name members { memberId status } } } } }';

  async function statementsFor(client: GraphQLClient) {
    const before = server.server.db.statementCount();
    const response = await client.raw(query);
    expect(response.errors).toBeUndefined();
    return server.server.db.statementCount() - before;
  }

  it('is the same for a page of members whatever the number of images, for the owner and for a member', async () => {
    const [ownerBefore, memberBefore] = [await statementsFor(carol), await statementsFor(server.bob)];
    for (let index = 0; index < 12; index += 1) await sharedWithB(carol, `c-more-${index}`, 'ACCEPTED');
    const { images } = await carol.data(ImageNamesWithMembersDocument, { first: 50 });
    expect(images.edges.filter((edge) => edge.node.members?.length === 1)).toHaveLength(13);
    expect(await statementsFor(carol)).toBe(ownerBefore);
    expect(await statementsFor(server.bob)).toBe(memberBefore);
  });
});
