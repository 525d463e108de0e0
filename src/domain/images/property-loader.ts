// The per-request loader of images' custom properties.
import DataLoader from 'dataloader';
import { groupByImage } from '../image-rows.js';
import type { TagsAndProperties } from './tags-and-properties.js';

/** A custom property as clients read it. */
export interface ImagePropertyRow {
  name: string;
  value: string;
}

/**
 * Custom properties by image, batched like the other loaders. What has been loaded can also be read at once:
 * policy targets are built synchronously and include the properties (Access preloads them with the images).
 */
export class PropertyLoader {
  private readonly loaded = new Map<string, ImagePropertyRow[]>();
  private readonly loader: DataLoader<string, ImagePropertyRow[]>;

  constructor(reads: TagsAndProperties) {
    this.loader = new DataLoader(async (ids) => {
      const rows = await reads.properties(ids);
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
