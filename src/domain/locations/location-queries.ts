// Reading an image's locations: only `active` rows count, in list order.
// Glance: glance/db/__init__.py ImageRepo._format_image_from_db (locations with status active only)
import DataLoader from 'dataloader';
import { ImageLocation, type EntityManager } from '../../persistence/index.js';
import { groupByImage } from '../image-rows.js';

export function activeLocations(em: EntityManager, imageId: string): Promise<ImageLocation[]> {
  return em.find(ImageLocation, { image: imageId, status: 'active' }, { orderBy: { position: 'asc', id: 'asc' } });
}

/** One statement for the locations of every image a response shows. */
export function createLocationLoader(em: EntityManager): DataLoader<string, ImageLocation[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(
      ImageLocation,
      { image: { $in: [...ids] }, status: 'active' },
      { orderBy: { image: 'asc', position: 'asc', id: 'asc' } },
    );
    return groupByImage(ids, rows, (row) => row.image.id);
  });
}
