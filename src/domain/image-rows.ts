// Child rows of a batch of images (tags, properties, locations, members), read and grouped per image.
import { selectByKeys, type EntityManager } from '../persistence/index.js';

/** Rows of a child table for a batch of images, in plain SQL on a reader connection. */
export function selectByImage<T>(em: EntityManager, select: string, ids: readonly string[], orderBy: string): Promise<T[]> {
  return selectByKeys<T>(em, { head: `${select} where`, column: 'image_id', keys: ids, tail: `order by ${orderBy}` });
}

/** A batch loader's answer: the rows of each image, in the order of `ids` (rows keep their order within one). */
export function groupByImage<T>(ids: readonly string[], rows: readonly T[], imageIdOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(imageIdOf(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}
