// The custom-property part of an image update: the request is checked on its own first, then against the image's
// rows as the update's transaction reads them, so the quota and the existence checks see what the write changes.
// Glance: glance/api/v2/images.py ImagesController._do_replace/_do_add/_do_remove, glance/quota ImageProxy
import type { Config } from '../../config/index.js';
import { ImageProperty, type EntityManager, type Image } from '../../persistence/index.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import { checkedProperties, type UpdateImageFields } from './image-edits.js';
import { assertQuota } from './image-validation.js';

export interface PropertyChanges {
  set: Map<string, string>;
  remove: Set<string>;
}

/** The properties to set and to remove; a name in both lists is a malformed request. */
export function propertyChanges(fields: Pick<UpdateImageFields, 'setProperties' | 'removeProperties'>): PropertyChanges {
  const set = checkedProperties(fields.setProperties ?? []);
  const remove = new Set(fields.removeProperties ?? []);
  for (const name of remove) {
    if (set.has(name)) throw new InvalidInputError(`property "${name}" is both set and removed; name it in one of the two lists`);
  }
  return { set, remove };
}

/**
 * Writes the changes through `tx`, which must be the transaction that also writes the image. Removing a property
 * that is not there is a CONFLICT; `image_property_quota` counts the result, and only when keys are added.
 */
export async function writePropertyChanges(tx: EntityManager, image: Image, changes: PropertyChanges, config: Config): Promise<void> {
  const { set, remove } = changes;
  if (set.size === 0 && remove.size === 0) return;
  const rows = await tx.find(ImageProperty, { image: image.id }, { fields: ['name'] });
  const existing = new Set(rows.map((row) => row.name));
  for (const name of remove) {
    if (!existing.has(name)) throw new ConflictError(`property "${name}" does not exist and cannot be removed`);
  }
  const added = [...set.keys()].filter((name) => !existing.has(name));
  if (added.length) assertQuota(existing.size - remove.size + added.length, config.image_property_quota, 'properties', 'image_property_quota');

  if (remove.size) await tx.nativeDelete(ImageProperty, { image: image.id, name: { $in: [...remove] } });
  for (const [name, value] of set) {
    if (existing.has(name)) await tx.nativeUpdate(ImageProperty, { image: image.id, name }, { value });
    else tx.create(ImageProperty, { image, name, value });
  }
}
