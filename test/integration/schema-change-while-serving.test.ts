// A server keeps answering while another one migrates the database under it (a rolling upgrade). On PostgreSQL its
// repeated reads are prepared statements, and PostgreSQL refuses to run a prepared `select *` once a column has
// been added ("cached plan must not change result type"): the reads name their columns instead.
import { describe, expect, it } from 'vitest';
import { AddImageMemberDocument, GetImageDocument, ListImagesDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const test = useTestServer();

describe('a column added to a table while the server runs', () => {
  it('leaves lists and reads of images, their tags and properties and the caller memberships answering', async () => {
    const { id } = await createImage(test.alice, { name: 'before the migration', visibility: 'SHARED', tags: ['a'], properties: [{ key: 'k', value: 'v' }] });
    await test.alice.mutate(AddImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    // bob's read also looks up his project's membership.
    const listed = async () => (await test.alice.data(ListImagesDocument, { first: 5 })).images.edges.map(({ node }) => node);
    const read = async () => [(await test.alice.data(GetImageDocument, { id })).image, (await test.bob.data(GetImageDocument, { id })).image, ...(await listed())];
    // Run each read more than the few times after which PostgreSQL keeps a generic plan.
    for (let round = 0; round < 7; round += 1) expect((await read()).map((image) => image?.name)).toEqual(['before the migration', 'before the migration', 'before the migration']);
    const connection = test.server.db.orm.em.getConnection();
    for (const table of ['images', 'image_tags', 'image_properties', 'image_members']) {
      await connection.execute(`alter table ${table} add column added_by_a_newer_server integer`);
    }
    const expected = { id, name: 'before the migration', tags: ['a'], properties: [{ key: 'k', value: 'v' }] };
    expect(await read()).toMatchObject([expected, expected, expected]);
  });
});
