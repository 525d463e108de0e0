// images(): visibility between projects and an admin, every filter, sorting and cursor pagination.
import { beforeAll, describe, expect, it } from 'vitest';
import { ListImagesDocument, type ListImagesQueryVariables } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer({ limit_param_default: 4, api_limit_max: 6 });
const ids: Record<string, string> = {};

async function names(client: GraphQLClient, variables: ListImagesQueryVariables = {}) {
  const { images } = await client.data(ListImagesDocument, { first: 100, ...variables });
  return images.edges.map((edge) => edge.node.name).sort();
}

beforeAll(async () => {
  const make = async (client: GraphQLClient, name: string, input: Parameters<typeof createImage>[1] = {}) => {
    ids[name] = (await createImage(client, { name, ...input })).id;
  };
  await make(server.alice, 'a-shared', { tags: ['linux', 'lts'], properties: [{ key: 'os_distro', value: 'ubuntu' }] });
  await make(server.alice, 'a-private', { visibility: 'PRIVATE', tags: ['linux'], diskFormat: 'VHDX', containerFormat: 'OVF' });
  await make(server.alice, 'a-community', { visibility: 'COMMUNITY', protected: true });
  await make(server.alice, 'a-hidden', { osHidden: true });
  await make(server.bob, 'b-shared', { tags: ['linux', 'lts'] });
  await make(server.bob, 'b-community', { visibility: 'COMMUNITY' });
  await make(server.admin, 'public', { visibility: 'PUBLIC', owner: 'project-b', diskFormat: 'QCOW2' });
  await setImageRow(server, ids['a-shared']!, { status: 'active', size: 100 });
  await setImageRow(server, ids['public']!, { status: 'active', size: 5000 });
  await make(server.alice, 'a-killed');
  await setImageRow(server, ids['a-killed']!, { status: 'killed' });
});

describe('visibility', () => {
  it('a member sees public images and its own project’s images, not others’ shared, private or community ones', async () => {
    expect(await names(server.alice)).toEqual(['a-community', 'a-private', 'a-shared', 'public']);
    expect(await names(server.bob)).toEqual(['b-community', 'b-shared', 'public']);
  });

  it('community images of other projects appear when COMMUNITY is asked for', async () => {
    expect(await names(server.alice, { filter: { visibility: 'COMMUNITY' } })).toEqual(['a-community', 'b-community']);
  });

  it('PRIVATE and SHARED are the caller’s own for members, everyone’s for admins', async () => {
    expect(await names(server.bob, { filter: { visibility: 'PRIVATE' } })).toEqual([]);
    expect(await names(server.alice, { filter: { visibility: 'SHARED' } })).toEqual(['a-shared']);
    expect(await names(server.admin, { filter: { visibility: 'SHARED' } })).toEqual(['b-shared', 'a-shared'].sort());
  });

  it('an admin sees every project’s images but, as in Glance, others’ community images only on request', async () => {
    expect(await names(server.admin)).toEqual(['a-private', 'a-shared', 'b-shared', 'public']);
  });

  it('hidden images only when the filter asks, killed images never', async () => {
    expect(await names(server.alice, { filter: { osHidden: true } })).toEqual(['a-hidden']);
    expect(await names(server.admin, { filter: { status: ['KILLED'] } })).toEqual([]);
  });
});

describe('filters', () => {
  it.each<[string, ListImagesQueryVariables['filter'], string[]]>([
    ['name', { name: 'a-private' }, ['a-private']],
    ['status list', { status: ['ACTIVE'] }, ['a-shared', 'public']],
    ['owner', { owner: 'project-b' }, ['public']],
    ['all tags', { tags: ['linux', 'lts'] }, ['a-shared']],
    ['one tag', { tags: ['linux'] }, ['a-private', 'a-shared']],
    ['disk format', { diskFormat: ['VHDX', 'QCOW2'] }, ['a-private', 'public']],
    ['container format', { containerFormat: ['OVF'] }, ['a-private']],
    ['protected', { protected: true }, ['a-community']],
    ['size range', { sizeMin: 50, sizeMax: 1000 }, ['a-shared']],
    ['size minimum', { sizeMin: 101 }, ['public']],
  ])('%s', async (_label, filter, expected) => {
    expect(await names(server.alice, { filter })).toEqual(expected);
  });

  it('time ranges on createdAt and updatedAt include both bounds (the SDL: "at or after", "at or before")', async () => {
    // Hidden, private images of their own project: only this test's queries (owner filter, osHidden) see them.
    const day = (n: number) => new Date(Date.UTC(2021, 2, n));
    const rows = { early: [day(1), day(4)], middle: [day(2), day(2)], late: [day(3), day(3)] } as const;
    for (const [name, [createdAt, updatedAt]] of Object.entries(rows)) {
      const { id } = await createImage(server.admin, { name, owner: 'project-times', visibility: 'PRIVATE', osHidden: true });
      await setImageRow(server, id, { createdAt, updatedAt });
    }
    const ms = (date: Date, delta: number) => new Date(date.getTime() + delta).toISOString();
    const at = (date: Date) => date.toISOString();
    const cases: [ListImagesQueryVariables['filter'], string[]][] = [
      [{ createdAt: { from: at(day(2)) } }, ['late', 'middle']],
      [{ createdAt: { from: ms(day(2), 1) } }, ['late']],
      [{ createdAt: { to: at(day(2)) } }, ['early', 'middle']],
      [{ createdAt: { to: ms(day(2), -1) } }, ['early']],
      [{ createdAt: { from: at(day(2)), to: at(day(2)) } }, ['middle']],
      [{ updatedAt: { from: at(day(3)) } }, ['early', 'late']],
      [{ updatedAt: { from: ms(day(3), 1) } }, ['early']],
      [{ updatedAt: { to: at(day(3)) } }, ['late', 'middle']],
      [{ updatedAt: { to: ms(day(3), -1) } }, ['middle']],
      [{ updatedAt: { from: at(day(3)), to: at(day(3)) } }, ['late']],
      [{ createdAt: { to: at(day(2)) }, updatedAt: { from: at(day(3)) } }, ['early']],
    ];
    for (const [filter, expected] of cases) {
      const listed = await names(server.admin, { filter: { owner: 'project-times', osHidden: true, ...filter } });
      expect(listed, JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('refuses a malformed time: in a variable BAD_USER_INPUT, written in the document GRAPHQL_VALIDATION_FAILED', async () => {
    const asVariable = await server.alice.raw('query ($from: DateTime) { images(filter: { createdAt: { from: $from } }) { edges { cursor } } }', { from: 'yesterday' });
    expect(asVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await server.alice.raw('{ images(filter: { createdAt: { from: "yesterday" } }) { edges { cursor } } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('sorting and pagination', () => {
  it('defaults to createdAt descending and limit_param_default items', async () => {
    const { images } = await server.admin.data(ListImagesDocument, {});
    expect(images.edges.map((edge) => edge.node.name)).toEqual(['public', 'b-shared', 'a-private', 'a-shared']);
    expect(images.pageInfo.hasNextPage).toBe(false);
  });

  it('caps first at api_limit_max and refuses a negative first', async () => {
    for (let n = 0; n < 7; n += 1) await createImage(server.admin, { name: `bulk-${n}`, owner: 'project-c', visibility: 'PRIVATE', osHidden: true });
    const { images } = await server.admin.data(ListImagesDocument, { first: 1000, filter: { osHidden: true } });
    expect(images.edges).toHaveLength(6);
    expect(images.pageInfo.hasNextPage).toBe(true);
    await server.admin.error('BAD_USER_INPUT', ListImagesDocument, { first: -1 });
  });

  it('walks every page by cursor, in order, without repeats, for ascending and descending keys with nulls', async () => {
    for (const sort of [
      [{ field: 'NAME' as const, direction: 'ASC' as const }],
      [{ field: 'SIZE' as const, direction: 'DESC' as const }, { field: 'NAME' as const, direction: 'ASC' as const }],
      [{ field: 'SIZE' as const, direction: 'ASC' as const }],
      [{ field: 'STATUS' as const }, { field: 'CREATED_AT' as const, direction: 'ASC' as const }],
    ]) {
      const all = (await server.alice.data(ListImagesDocument, { sort, first: 100 })).images.edges.map((edge) => edge.node.id);
      const walked: string[] = [];
      let after: string | null | undefined = null;
      for (let page = 0; page < 10; page += 1) {
        const { images }: { images: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } =
          await server.alice.data(ListImagesDocument, { sort, first: 1, after });
        walked.push(...images.edges.map((edge) => edge.node.id));
        if (!images.pageInfo.hasNextPage) break;
        after = images.pageInfo.endCursor;
      }
      expect(walked, JSON.stringify(sort)).toEqual(all);
      expect(new Set(walked).size).toBe(4);
    }
  });

  it('orders names with missing names first ascending and last descending', async () => {
    const { images } = await server.alice.data(ListImagesDocument, { sort: [{ field: 'NAME', direction: 'ASC' }] });
    expect(images.edges.map((edge) => edge.node.name)).toEqual(['a-community', 'a-private', 'a-shared', 'public']);
    // Hidden, private images of their own project, so that no other test's list holds the nameless one.
    for (const name of ['beta', null, 'alpha']) await createImage(server.admin, { name, owner: 'project-names', visibility: 'PRIVATE', osHidden: true });
    const sorted = async (direction: 'ASC' | 'DESC') => {
      const filter = { owner: 'project-names', osHidden: true };
      const { images } = await server.admin.data(ListImagesDocument, { filter, sort: [{ field: 'NAME', direction }] });
      return images.edges.map((edge) => edge.node.name);
    };
    expect(await sorted('ASC')).toEqual([null, 'alpha', 'beta']);
    expect(await sorted('DESC')).toEqual(['beta', 'alpha', null]);
  });

  it('refuses a cursor from another sort order, or a made-up one, with BAD_USER_INPUT', async () => {
    const { images } = await server.alice.data(ListImagesDocument, { first: 1 });
    const error = await server.alice.error('BAD_USER_INPUT', ListImagesDocument, { after: images.pageInfo.endCursor, sort: [{ field: 'NAME' }] });
    expect(error.message).toMatch(/different sort/);
    await server.alice.error('BAD_USER_INPUT', ListImagesDocument, { after: 'bm9wZQ' });
  });

  it('refuses the same sort field twice', async () => {
    await server.alice.error('BAD_USER_INPUT', ListImagesDocument, { sort: [{ field: 'NAME' }, { field: 'NAME' }] });
  });
});
