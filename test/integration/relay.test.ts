// Relay conventions over HTTP: connections page forward and backward on one keyset with full pageInfo, `nodes` and
// `totalCount` beside `edges`, and node/nodes find images, tasks and members under their queries' rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageMemberDocument, CountImagesDocument, CreateTaskDocument, NodeDocument, NodesDocument, PageImagesDocument, PageTasksDocument,
  type PageImagesQueryVariables,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

const IMAGES = 23;
let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());
const server = useTestServer(() => sourceConfig(source, { api_limit_max: 50 }));

/** Every id of the list, walked page by page in one direction, checking each page's pageInfo on the way. */
async function walk(client: GraphQLClient, direction: 'forward' | 'backward', size: number, variables: PageImagesQueryVariables) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page += 1) {
    const { images }: Awaited<ReturnType<typeof pageOf>> = await pageOf(client, direction, size, cursor, variables);
    const ids = images.edges.map((edge) => edge.node.id);
    expect(images.nodes.map((node) => node.id)).toEqual(ids);
    expect(images.pageInfo.startCursor).toBe(images.edges[0]?.cursor ?? null);
    expect(images.pageInfo.endCursor).toBe(images.edges.at(-1)?.cursor ?? null);
    const [towards, back] = direction === 'forward'
      ? [images.pageInfo.hasNextPage, images.pageInfo.hasPreviousPage]
      : [images.pageInfo.hasPreviousPage, images.pageInfo.hasNextPage];
    expect(back).toBe(page > 0);
    if (direction === 'forward') seen.push(...ids);
    else seen.unshift(...ids);
    if (!towards) return seen;
    cursor = direction === 'forward' ? images.pageInfo.endCursor : images.pageInfo.startCursor;
  }
}

function pageOf(client: GraphQLClient, direction: 'forward' | 'backward', size: number, cursor: string | null, variables: PageImagesQueryVariables) {
  const paging: PageImagesQueryVariables = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
  return client.data(PageImagesDocument, { ...variables, ...paging });
}

describe('image connections', () => {
  const filter = { tags: ['walk'] };
  let all: string[];
  beforeAll(async () => {
    for (let n = 0; n < IMAGES; n += 1) {
      // Every third image without a name, so the walk by name crosses nulls.
      const fields = { name: n % 3 ? `walk-${n % 7}` : null, tags: ['walk'] };
      await (n % 2 ? createImage(server.alice, { ...fields, visibility: 'PRIVATE' }) : createImage(server.admin, { ...fields, visibility: 'PUBLIC' }));
    }
    all = (await server.alice.data(PageImagesDocument, { filter, first: 50 })).images.edges.map((edge) => edge.node.id);
    expect(all).toHaveLength(IMAGES);
  });

  it.each([1, 5, 23, 50])('walk forward and backward in pages of %i, with no row missing or repeated', async (size) => {
    expect(await walk(server.alice, 'forward', size, { filter })).toEqual(all);
    expect(await walk(server.alice, 'backward', size, { filter })).toEqual(all);
  });

  it.each(['ASC', 'DESC'] as const)('walk both ways by a nullable key (name %s)', async (direction) => {
    const sort = [{ field: 'NAME' as const, direction }];
    const sorted = (await server.alice.data(PageImagesDocument, { filter, sort, first: 50 })).images.edges.map((edge) => edge.node.id);
    expect(await walk(server.alice, 'forward', 4, { filter, sort })).toEqual(sorted);
    expect(await walk(server.alice, 'backward', 4, { filter, sort })).toEqual(sorted);
  });

  it('pages between two cursors, and says what lies outside them', async () => {
    const first = await server.alice.data(PageImagesDocument, { filter, first: 3 });
    const later = await server.alice.data(PageImagesDocument, { filter, first: 10, after: first.images.pageInfo.endCursor });
    const between = await server.alice.data(PageImagesDocument, {
      filter, first: 50, after: first.images.pageInfo.endCursor, before: later.images.pageInfo.endCursor,
    });
    expect(between.images.nodes.map((node) => node.id)).toEqual(all.slice(3, 12));
    expect(between.images.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const backward = await server.alice.data(PageImagesDocument, { filter, last: 50, before: later.images.pageInfo.endCursor });
    expect(backward.images.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('counts the whole list in the caller\'s scope, whatever the page', async () => {
    const page = await server.alice.data(CountImagesDocument, { filter, first: 2 });
    const after = await server.alice.data(CountImagesDocument, { filter, first: 2, after: page.images.edges[1]!.cursor });
    expect([page.images.totalCount, after.images.totalCount]).toEqual([IMAGES, IMAGES]);
    // bob sees only the public ones.
    expect((await server.bob.data(CountImagesDocument, { filter })).images.totalCount).toBe(Math.ceil(IMAGES / 2));
  });

  it('runs the COUNT and the query for the far side of the cursor only when they are selected', async () => {
    const { endCursor } = (await server.alice.data(PageImagesDocument, { filter, first: 5 })).images.pageInfo;
    const statements = async (query: string) => {
      const before = server.server.db.statementCount();
      const response = await server.alice.raw(query, { after: endCursor });
      expect(response.errors).toBeUndefined();
      return server.server.db.statementCount() - before;
    };
    const page = 'images(filter: { tags: ["walk"] }, first: 5, after: $after)';
    const bare = await statements(`query ($after: String) { ${page} { edges { cursor } pageInfo { hasNextPage } } }`);
    expect(await statements(`query ($after: String) { ${page} { edges { cursor } totalCount } }`)).toBe(bare + 1);
    expect(await statements(`query ($after: String) { ${page} { edges { cursor } pageInfo { hasPreviousPage } } }`)).toBe(bare + 1);
  });

  it('refuses first with last, a page size below 1 and a cursor of another order as BAD_USER_INPUT', async () => {
    const { startCursor } = (await server.alice.data(PageImagesDocument, { filter, first: 2 })).images.pageInfo;
    await server.alice.error('BAD_USER_INPUT', PageImagesDocument, { first: 2, last: 2 });
    await server.alice.error('BAD_USER_INPUT', PageImagesDocument, { last: 0 });
    const wrongOrder = await server.alice.error('BAD_USER_INPUT', PageImagesDocument, { last: 2, before: startCursor, sort: [{ field: 'NAME' }] });
    expect(wrongOrder.message).toMatch(/^before: the cursor belongs to a different sort order/);
  });
});

describe('task connections', () => {
  it('page backward as forward, with the count', async () => {
    for (let n = 0; n < 5; n += 1) await server.admin.mutate(CreateTaskDocument, { input: importInput(source.url('/image.raw')) });
    const { tasks } = await server.admin.data(PageTasksDocument, { first: 50 });
    const ids = tasks.nodes.map((task) => task.id);
    expect(tasks.totalCount).toBe(5);
    const last = await server.admin.data(PageTasksDocument, { last: 2 });
    expect(last.tasks.nodes.map((task) => task.id)).toEqual(ids.slice(3));
    expect(last.tasks.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await server.admin.data(PageTasksDocument, { last: 2, before: last.tasks.pageInfo.startCursor });
    expect(before.tasks.nodes.map((task) => task.id)).toEqual(ids.slice(1, 3));
    expect(before.tasks.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe('node and nodes', () => {
  it('find images, tasks and members by id under the rules of image, task and imageMember, null where those hide them', async () => {
    const shared = await createImage(server.alice, { name: 'node-shared' });
    const hidden = await createImage(server.bob, { name: 'node-private', visibility: 'PRIVATE' });
    const { member } = (await server.alice.mutate(AddImageMemberDocument, { input: { imageId: shared.id, memberId: 'project-b' } })).addImageMember;
    const { task } = (await server.admin.mutate(CreateTaskDocument, { input: importInput(source.url('/image.raw')) })).createTask;
    const carol = await server.as('carol', 'project-c', ['member']);

    expect((await server.alice.data(NodeDocument, { id: shared.id })).node).toEqual({ __typename: 'Image', id: shared.id, name: 'node-shared' });
    expect((await server.alice.data(NodeDocument, { id: hidden.id })).node).toBeNull();
    expect((await server.admin.data(NodeDocument, { id: task.id })).node).toMatchObject({ __typename: 'Task', id: task.id });
    // tasks_api_access is admin-only by default: task(id) answers FORBIDDEN, node(id) null.
    expect((await server.alice.data(NodeDocument, { id: task.id })).node).toBeNull();
    expect((await server.bob.data(NodeDocument, { id: member.id })).node).toEqual({ __typename: 'ImageMember', id: member.id, memberId: 'project-b', status: 'PENDING' });
    expect((await carol.data(NodeDocument, { id: member.id })).node).toBeNull();
    expect((await server.alice.data(NodeDocument, { id: 'no-such-id' })).node).toBeNull();

    const { nodes } = await server.alice.data(NodesDocument, { ids: [hidden.id, shared.id, member.id, 'nothing'] });
    expect(nodes.map((node) => node?.id ?? null)).toEqual([null, shared.id, member.id, null]);
  });

  it('refuses more ids than api_limit_max as BAD_USER_INPUT', async () => {
    await server.alice.error('BAD_USER_INPUT', NodesDocument, { ids: Array.from({ length: 51 }, (_, n) => `id-${n}`) });
  });
});
