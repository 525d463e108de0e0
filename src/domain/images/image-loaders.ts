// Per-request batch loaders: every image, tag list and property list asked for while resolving one request is
// fetched with one statement per kind, however many images the response holds.
import DataLoader from 'dataloader';
import { Image, type EntityManager } from '../../persistence/index.js';
import type { Access } from '../access.js';
import { NotFoundError } from '../errors.js';
import { isUuid } from './image-validation.js';

/** A custom property as clients read it. */
export interface ImagePropertyRow {
  name: string;
  value: string;
}

export interface ImageLoaders {
  image: DataLoader<string, Image | null>;
  tags: DataLoader<string, string[]>;
  properties: PropertyLoader;
}

/**
 * Custom properties by image, batched like the other loaders. What has been loaded can also be read at once:
 * policy targets are built synchronously and include the properties (Access preloads them with the images).
 */
export class PropertyLoader {
  private readonly loaded = new Map<string, ImagePropertyRow[]>();
  private readonly loader: DataLoader<string, ImagePropertyRow[]>;

  constructor(em: EntityManager) {
    this.loader = new DataLoader(async (ids) => {
      const rows = await selectByImage<{ image_id: string; name: string; value: string }>(em, 'select image_id, name, value from image_properties', ids, 'name');
      const groups = groupByImage(ids, rows, (row) => row.image_id).map((properties) => properties.map(({ name, value }) => ({ name, value })));
      ids.forEach((id, index) => this.loaded.set(id, groups[index]!));
      return groups;
    });
  }

  load(imageId: string): Promise<ImagePropertyRow[]> {
    return this.loader.load(imageId);
  }

  /** Loads the properties of these images that are not loaded yet, in one statement. */
  async preload(imageIds: readonly string[]): Promise<void> {
    await Promise.all(imageIds.map((id) => this.loader.load(id)));
  }

  /** The properties as last loaded, or undefined when they were not loaded or were cleared since. */
  loadedFor(imageId: string): readonly ImagePropertyRow[] | undefined {
    return this.loaded.get(imageId);
  }

  /** Forgets the image's properties after a change, so the next load reads them again. */
  clear(imageId: string): void {
    this.loader.clear(imageId);
    this.loaded.delete(imageId);
  }
}

export function createImageLoaders(em: EntityManager, access: Pick<Access, 'prepare'>, properties: PropertyLoader): ImageLoaders {
  return {
    image: new DataLoader(async (ids) => {
      // Every image id is a UUID; any other text names no image and is never sent to the database.
      const rows = await em.find(Image, { id: { $in: ids.filter(isUuid) } });
      // Every image handed out is checked for visibility, which needs the caller's memberships: load them per batch.
      await access.prepare(rows);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // Tags and properties are read as plain rows with plain SQL: a page of 50 images carries hundreds of them, and
    // making each a managed entity (or building the query through the ORM's criteria) cost more than the query.
    tags: new DataLoader(async (ids) => {
      const rows = await selectByImage<{ image_id: string; value: string }>(em, 'select image_id, value from image_tags', ids, 'value');
      return groupByImage(ids, rows, (row) => row.image_id).map((tags) => tags.map((tag) => tag.value));
    }),
    properties,
  };
}

/** The image the caller may read, else NOT_FOUND: Glance answers alike for a missing and an invisible image. */
export async function loadReadableImage(loaders: ImageLoaders, access: Pick<Access, 'canRead'>, id: string): Promise<Image> {
  const image = await loaders.image.load(id);
  if (!image || !access.canRead(image)) throw new NotFoundError(`no image with id ${id}`);
  return image;
}

/** Rows of a child table for a batch of images, in plain SQL on a reader connection. */
function selectByImage<T>(em: EntityManager, select: string, ids: readonly string[], orderBy: string): Promise<T[]> {
  const placeholders = ids.map(() => '?').join(', ');
  return em.getConnection('read').execute<T[]>(`${select} where image_id in (${placeholders}) order by ${orderBy}`, [...ids]);
}

/** A batch loader's answer: the rows of each image, in the order of `ids` (rows keep their order within one). */
export function groupByImage<T>(ids: readonly string[], rows: readonly T[], imageIdOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(imageIdOf(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}
