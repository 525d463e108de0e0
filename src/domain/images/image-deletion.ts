// Deleting an image record: the one write deleteImage and a failed import share, so both leave no live membership
// or location behind an image that is gone.
// Glance: glance/db/sqlalchemy/api.py image_destroy (the image's members and locations are deleted with it)
import type { ObjectQuery } from '@mikro-orm/core';
import { Image, ImageLocation, ImageMember, type EntityManager } from '../../persistence/index.js';

/**
 * Marks image `id` deleted if it still matches `onlyIf` (the status the caller's checks saw, say), and
 * soft-deletes its memberships and active locations with it. Call it with a transaction's EntityManager so the
 * three writes commit together, and with whatever else must commit with them. Returns whether the image was
 * deleted; its stored data is the caller's to remove once the transaction has committed.
 */
export async function softDeleteImage(tx: EntityManager, id: string, onlyIf: ObjectQuery<Image>, now: Date): Promise<boolean> {
  const deleted = await tx.nativeUpdate(Image, { ...onlyIf, id }, { status: 'deleted', deleted: true, deletedAt: now, updatedAt: now });
  if (deleted === 0) return false;
  await tx.nativeUpdate(ImageMember, { image: id, deleted: false }, { deleted: true, deletedAt: now, updatedAt: now });
  await tx.nativeUpdate(ImageLocation, { image: id, status: 'active' }, { status: 'deleted', updatedAt: now });
  return true;
}
