// Text sorts and compares by code point on every engine: the same names come back in the same order, and a
// cursor continues where it left off, on SQLite and on a PostgreSQL database whose own collation (ICU en-US in
// the tests) would put them otherwise.
import { describe, expect, it } from 'vitest';
import { ListImagesDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const NAMES = ['b', 'B', 'a', '_z', 'Z', 'é', 'e', 'a b', 'ab'];
const CODE_POINT_ORDER = ['B', 'Z', '_z', 'a', 'a b', 'ab', 'b', 'e', 'é'];

describe('text order', () => {
  const test = useTestServer();

  it('sorts names by code point, page after page, and matches names exactly (case included)', async () => {
    for (const name of NAMES) await createImage(test.alice, { name });
    const sort = [{ field: 'NAME' as const, direction: 'ASC' as const }];
    const walked: (string | null | undefined)[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < NAMES.length; page += 1) {
      const { images }: { images: { edges: { node: { name?: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } =
        await test.alice.data(ListImagesDocument, { sort, first: 2, after });
      walked.push(...images.edges.map((edge) => edge.node.name));
      if (!images.pageInfo.hasNextPage) break;
      after = images.pageInfo.endCursor;
    }
    expect(walked).toEqual(CODE_POINT_ORDER);
    const { images } = await test.alice.data(ListImagesDocument, { filter: { name: 'b' } });
    expect(images.edges.map((edge) => edge.node.name)).toEqual(['b']);
  });

  // A migration written later must declare it too: migration:create does not (MikroORM 6 has no column collation).
  it.skipIf(testEngine() !== 'postgresql')('declares collate "C" on every text column of the PostgreSQL schema', async () => {
    const columns = await test.server.db.orm.em.getConnection().execute<{ name: string }[]>(
      `select table_name || '.' || column_name as name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying') and collation_name is distinct from 'C'
          and table_name <> 'mikro_orm_migrations'`,
    );
    expect(columns.map(({ name }) => name)).toEqual([]);
  });
});
