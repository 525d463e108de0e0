// Per-request batch loaders: every image, tag list and property list asked for while resolving one request is
// fetched with one statement per kind, however many images the response holds.
import DataLoader from 'dataloader';
import { Image, ImageProperty, ImageTag, type EntityManager } from '../../persistence/index.js';
import type { Access } from '../access.js';

/** A custom property as clients read it. */
export interface ImagePropertyRow {
  name: string;
  value: string;
}

export interface ImageLoaders {
  image: DataLoader<string, Image | null>;
  tags: DataLoader<string, string[]>;
  properties: DataLoader<string, ImagePropertyRow[]>;
}

export function createImageLoaders(em: EntityManager, access: Pick<Access, 'prepare'>): ImageLoaders {
  return {
    image: new DataLoader(async (ids) => {
      const rows = await em.find(Image, { id: { $in: [...ids] } });
      // Every image handed out is checked for visibility, which needs the caller's memberships: load them per batch.
      await access.prepare(rows);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // Tags and properties are read as plain rows: a page of 50 images carries hundreds of them, and making each
    // a managed entity cost more than the rest of the request.
    tags: new DataLoader(async (ids) => {
      const rows = await em
        .createQueryBuilder(ImageTag)
        .select(['image', 'value'])
        .where({ image: { $in: [...ids] } })
        .orderBy({ value: 'asc' })
        .execute<{ image: string; value: string }[]>('all');
      return groupByImage(ids, rows).map((tags) => tags.map((tag) => tag.value));
    }),
    properties: new DataLoader(async (ids) => {
      const rows = await em
        .createQueryBuilder(ImageProperty)
        .select(['image', 'name', 'value'])
        .where({ image: { $in: [...ids] } })
        .orderBy({ name: 'asc' })
        .execute<{ image: string; name: string; value: string }[]>('all');
      return groupByImage(ids, rows).map((properties) => properties.map(({ name, value }) => ({ name, value })));
    }),
  };
}

function groupByImage<T extends { image: string }>(ids: readonly string[], rows: T[]): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(row.image)?.push(row);
  return ids.map((id) => groups.get(id)!);
}
