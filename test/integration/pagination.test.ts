// Paging arguments are input like any other: every keyset list (images, sharedWithMe, tasks) refuses a `first`
// below 1 and a cursor it did not issue with BAD_USER_INPUT, never an internal error, whatever the cursor holds.
import { beforeAll, describe, expect, it } from 'vitest';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer();

beforeAll(async () => {
  await createImage(server.alice, { name: 'unsized' });
  const { id } = await createImage(server.alice, { name: 'sized' });
  await setImageRow(server, id, { size: 100 });
});

type List = 'images' | 'sharedWithMe' | 'tasks';
const LISTS: Record<List, string> = {
  images: 'query ($sort: [ImageSort!], $first: Int, $after: String) { images(sort: $sort, first: $first, after: $after) { edges { node { name } } } }',
  sharedWithMe: 'query ($sort: [ImageSort!], $first: Int, $after: String) { sharedWithMe(sort: $sort, first: $first, after: $after) { edges { cursor } } }',
  tasks: 'query ($sort: [TaskSort!], $first: Int, $after: String) { tasks(sort: $sort, first: $first, after: $after) { edges { cursor } } }',
};

/** Lists as the admin (the only persona the default policy lets list tasks). */
function list(name: List, variables: { sort?: { field: string; direction?: string }[]; first?: number; after?: string }) {
  return server.admin.raw(LISTS[name], variables);
}

/** A cursor made by hand in this server's format: the sort's signature, then one value per sort key. */
const forged = (signature: string, values: unknown[]) => Buffer.from(JSON.stringify([signature, values])).toString('base64url');

describe('first', () => {
  it.each<[List, number]>([
    ['images', 0], ['images', -1], ['sharedWithMe', 0], ['sharedWithMe', -1], ['tasks', 0], ['tasks', -1],
  ])('%s refuses first: %i with BAD_USER_INPUT naming the argument', async (name, first) => {
    const response = await list(name, { first });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/`first`/);
  });

  it('accepts first: 1 and continues from its cursor', async () => {
    const query = 'query ($after: String) { images(first: 1, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }';
    const first = await server.alice.raw(query);
    const { pageInfo } = (first.data as { images: { pageInfo: { hasNextPage: boolean; endCursor: string } } }).images;
    expect(pageInfo.hasNextPage).toBe(true);
    const second = await server.alice.raw(query, { after: pageInfo.endCursor });
    expect((second.data as { images: { edges: { node: { name: string } }[] } }).images.edges.map((edge) => edge.node.name)).toEqual(['unsized']);
  });
});

describe('after', () => {
  const date = '2020-01-01T00:00:00.000Z';
  it.each<[List, string, string, unknown[]]>([
    ['images', 'an object for the id', 'CREATED_AT', [date, { a: 1 }]],
    ['images', 'an array for the id', 'CREATED_AT', [date, ['x']]],
    ['images', 'a number for the id', 'CREATED_AT', [date, 7]],
    ['images', 'an object for a date', 'CREATED_AT', [{ a: 1 }, 'x']],
    ['images', 'a number for a date', 'CREATED_AT', [1_600_000_000_000, 'x']],
    ['images', 'a date that is not one', 'CREATED_AT', ['yesterday', 'x']],
    ['images', 'null for a column that is never null', 'CREATED_AT', [null, 'x']],
    ['images', 'too few values', 'CREATED_AT', [date]],
    ['images', 'too many values', 'CREATED_AT', [date, 'x', 'y']],
    ['images', 'a string for a numeric key', 'SIZE', ['big', 'x']],
    ['images', 'a fraction for a whole-number key', 'SIZE', [1.5, 'x']],
    ['images', 'a boolean for a text key', 'NAME', [true, 'x']],
    ['sharedWithMe', 'an object for the id', 'CREATED_AT', [date, { a: 1 }]],
    ['tasks', 'an object for the id', 'CREATED_AT', [date, { a: 1 }]],
    ['tasks', 'null for a column that is never null', 'CREATED_AT', [null, 'x']],
    ['tasks', 'too many values', 'CREATED_AT', [date, 'x', 'y']],
    ['tasks', 'a date that is not one', 'EXPIRES_AT', ['soon', 'x']],
    ['tasks', 'a number for a text key', 'STATUS', [3, 'x']],
    ['images', 'a NUL character in the id', 'CREATED_AT', [date, 'a\u0000']],
    ['images', 'a NUL character in a text key', 'NAME', ['a\u0000', 'x']],
    ['tasks', 'a NUL character in the id', 'CREATED_AT', [date, 'a\u0000']],
  ])('%s refuses a cursor with %s (sorted by %s) with BAD_USER_INPUT', async (name, _label, field, values) => {
    const after = forged(`${camelCase(field)}:desc,id:desc`, values);
    const response = await list(name, { sort: [{ field }], after });
    expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/^after: the cursor is not one this server issued/);
  });

  it('accepts a hand-made cursor whose values fit their columns, null where the column may be null', async () => {
    // Ascending sizes put missing sizes first; after (no size, an id above every UUID) come the images with a size.
    const response = await server.alice.raw(LISTS.images, { sort: [{ field: 'SIZE', direction: 'ASC' }], after: forged('size:asc,id:asc', [null, 'g']) });
    expect((response.data as { images: { edges: { node: { name: string } }[] } }).images.edges.map((edge) => edge.node.name)).toEqual(['sized']);
    const tasks = await list('tasks', { sort: [{ field: 'EXPIRES_AT' }], after: forged('expiresAt:desc,id:desc', [null, 'g']) });
    expect(tasks.errors).toBeUndefined();
  });
});

/** The domain name of a sort field: CREATED_AT is createdAt. */
function camelCase(field: string): string {
  return field.toLowerCase().replace(/_(.)/g, (_match, letter: string) => letter.toUpperCase());
}
