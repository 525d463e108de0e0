// Deleting an image record: the one write deleteImage and a failed import share, so both leave no live membership
// or location behind an image that is gone.
// Glance: glance/db/sqlalchemy/api.py image_destroy (the image's members and locations are deleted with it)
import type { ObjectQuery } from '@mikro-orm/core';
import { ImageLocation, ImageMember, type EntityManager, type Image } from '../../persistence/index.js';
import { moveImage } from './image-status.js';
import type { ImageStatus } from './image-values.js';

export interface DeletionGuard {
  /** The statuses the image may be deleted from (the one the caller's checks saw, say). */
  from: ImageStatus | readonly ImageStatus[];
  /** What else must still hold when the row is written. */
  onlyIf?: ObjectQuery<Image>;
}

/**
 * Marks image `id` deleted if it still passes `guard` (else NOT_FOUND or CONFLICT, as moveImage says), and
 * soft-deletes its memberships and active locations with it. Call it with a transaction's EntityManager so the
 * three writes commit together, and with whatever else must commit with them; the image's stored data is the
 * caller's to remove once the transaction has committed.
 */
export async function softDeleteImage(tx: EntityManager, id: string, guard: DeletionGuard, now: Date): Promise<void> {
  const changes = { deleted: true, deletedAt: now, updatedAt: now };
  await moveImage(tx, id, { operation: 'delete', from: guard.from, to: 'deleted', onlyIf: guard.onlyIf, changes });
  await tx.nativeUpdate(ImageMember, { image: id, deleted: false }, { deleted: true, deletedAt: now, updatedAt: now });
  await tx.nativeUpdate(ImageLocation, { image: id, status: 'active' }, { status: 'deleted', updatedAt: now });
}
