// Listing images costs a fixed number of SQL statements: no statement per image for its tags, properties or the
// caller's memberships (they are batched per request), and no extra work for a page deep in the list (keyset
// cursors, not OFFSET).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageMemberDocument, ListImagesBackwardDocument, ListImagesDocument, UpdateImageMemberDocument, type ListImagesBackwardQueryVariables,
  type ListImagesQueryVariables,
} from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const IMAGES = 100;
// The server's own background statements (the recovery of lapsed work, the sweep) would be counted with a
// request's: they run once an hour here.
const server = useTestServer({ work_lease_seconds: 14_400, task_sweep_interval: 3_600 });

/** Image n, with two tags and two properties: alice's own, or (every fifth) bob's, shared with and accepted by alice's project. */
async function arrange(n: number) {
  const shared = n % 5 === 4;
  const image = await createImage(shared ? server.bob : server.alice, {
    name: `image-${n}`,
    visibility: shared ? 'SHARED' : 'PRIVATE',
    tags: [`tag-${n}`, 'common'],
    properties: [{ key: 'os_distro', value: `distro-${n}` }, { key: 'build', value: String(n) }],
  });
  if (!shared) return;
  await server.bob.mutate(AddImageMemberDocument, { input: { imageId: image.id, memberId: 'project-a' } });
  await server.alice.mutate(UpdateImageMemberDocument, { input: { imageId: image.id, memberId: 'project-a', status: 'ACCEPTED' } });
}

beforeAll(async () => {
  // In batches of ten, so every page of ten holds both kinds of image.
  for (let batch = 0; batch < IMAGES / 10; batch += 1) {
    await Promise.all(Array.from({ length: 10 }, (_, index) => arrange(batch * 10 + index)));
  }
});

/** The images page and how many SQL statements the server ran to answer it. */
async function listWithStatementCount(variables: ListImagesQueryVariables) {
  const before = server.server.db.statementCount();
  const { images } = await server.alice.data(ListImagesDocument, variables);
  return { images, statements: server.server.db.statementCount() - before };
}

/** The same, for a page counted back from the end of the list or from `before`. */
async function listBackwardWithStatementCount(variables: ListImagesBackwardQueryVariables) {
  const before = server.server.db.statementCount();
  const { images } = await server.alice.data(ListImagesBackwardDocument, variables);
  return { images, statements: server.server.db.statementCount() - before };
}

describe('SQL statements per images() request', () => {
  it('are as many for 100 images with tags, properties and memberships as for 10: the page, the memberships, tags and properties together', async () => {
    const small = await listWithStatementCount({ first: 10 });
    const large = await listWithStatementCount({ first: IMAGES });

    expect(small.images.edges).toHaveLength(10);
    expect(large.images.edges).toHaveLength(IMAGES);
    expect(small.images.edges.filter(({ node }) => node.owner === 'project-b')).toHaveLength(2);
    for (const { node } of large.images.edges) {
      const n = node.name!.replace('image-', '');
      expect(node.tags).toEqual(['common', `tag-${n}`]);
      expect(node.properties).toEqual([{ key: 'build', value: n }, { key: 'os_distro', value: `distro-${n}` }]);
    }
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(3);
  });

  it('are as many for a page after 90 rows as for the first page', async () => {
    const all = await listWithStatementCount({ first: IMAGES });
    const skipped = await listWithStatementCount({ first: 90 });
    const first = await listWithStatementCount({ first: 10 });
    const deep = await listWithStatementCount({ first: 10, after: skipped.images.pageInfo.endCursor });

    expect(deep.images.edges.map((edge) => edge.node.id)).toEqual(all.images.edges.slice(90).map((edge) => edge.node.id));
    expect(deep.images.edges.every(({ node }) => node.tags.length === 2 && node.properties.length === 2)).toBe(true);
    expect(deep.images.pageInfo.hasNextPage).toBe(false);
    expect(deep.statements).toBe(first.statements);
  });

  it('are as many for a page before the 91st row, paging backward, as for the last page and the first', async () => {
    const all = await listWithStatementCount({ first: IMAGES });
    const first = await listWithStatementCount({ first: 10 });
    const last = await listBackwardWithStatementCount({ last: 10 });
    const deep = await listBackwardWithStatementCount({ last: 10, before: all.images.edges[90]!.cursor });

    const ids = (page: { edges: { node: { id: string } }[] }) => page.edges.map((edge) => edge.node.id);
    expect(ids(last.images)).toEqual(ids(all.images).slice(90));
    expect(ids(deep.images)).toEqual(ids(all.images).slice(80, 90));
    expect(deep.images.edges.every(({ node }) => node.tags.length === 2 && node.properties.length === 2)).toBe(true);
    expect(deep.images.pageInfo.hasPreviousPage).toBe(true);
    expect(deep.statements).toBe(last.statements);
    expect(deep.statements).toBe(first.statements);
  });
});
