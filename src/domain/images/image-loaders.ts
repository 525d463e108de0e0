// Per-request batch loaders: every image, tag list and property list asked for while resolving one request is
// fetched with one statement per kind, however many images the response holds.
import DataLoader from 'dataloader';
import { columnsOf, Image, selectByKeys, type EntityManager } from '../../persistence/index.js';
import type { Access } from '../image-access.js';
import { groupByImage } from '../image-rows.js';
import type { PropertyLoader } from './property-loader.js';
import type { TagsAndProperties } from './tags-and-properties.js';
import { NotFoundError } from '../errors.js';
import { isUuid } from './image-validation.js';

export interface ImageLoaders {
  image: DataLoader<string, Image | null>;
  tags: DataLoader<string, string[]>;
  properties: PropertyLoader;
}

export function createImageLoaders(em: EntityManager, access: Pick<Access, 'prepare'>, reads: TagsAndProperties, properties: PropertyLoader): ImageLoaders {
  return {
    image: new DataLoader(async (ids) => {
      // Every image id is a UUID; any other text names no image and is never sent to the database.
      const rows = await findImages(em, ids.filter(isUuid));
      // Every image handed out is checked for visibility, which needs the caller's memberships: load them per batch.
      await access.prepare(rows);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // Tags and properties are read as plain rows with plain SQL: a page of 50 images carries hundreds of them, and
    // making each a managed entity (or building the query through the ORM's criteria) cost more than the query.
    tags: new DataLoader(async (ids) => {
      const rows = await reads.tags(ids);
      return groupByImage(ids, rows, (row) => row.image_id).map((tags) => tags.map((tag) => tag.value));
    }),
    properties,
  };
}

/**
 * Images by id as managed entities (changes go through them), not soft-deleted. Plain SQL and `em.map` cost a
 * quarter of `em.find`, whose criteria processing was most of a single-image read; the statement is the same.
 */
async function findImages(em: EntityManager, ids: readonly string[]): Promise<Image[]> {
  const rows = await selectByKeys<Record<string, unknown>>(em, { head: `select ${columnsOf(em, Image)} from images where deleted = false and`, column: 'id', keys: ids });
  return rows.map((row) => em.map(Image, row));
}

/** The image the caller may read, else NOT_FOUND: Glance answers alike for a missing and an invisible image. */
export async function loadReadableImage(loaders: ImageLoaders, access: Pick<Access, 'canRead'>, id: string): Promise<Image> {
  const image = await loaders.image.load(id);
  if (!image || !access.canRead(image)) throw new NotFoundError(`no image with id ${id}`);
  return image;
}
