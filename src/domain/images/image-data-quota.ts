// How many bytes an image's data may have: `image_size_cap`, and what is left of the owner's `user_storage_quota`.
// Glance: glance/api/common.py check_quota, glance/db/sqlalchemy/api.py user_get_storage_usage
import type { Config } from '../../config/index.js';
import { ProjectLock, type EntityManager, type Image } from '../../persistence/index.js';
import { PayloadTooLargeError } from '../errors.js';

/** A number of bytes not to exceed, and the error that says which limit it is. */
export interface ByteLimit {
  maxBytes: number;
  exceeded(): PayloadTooLargeError;
}

/**
 * Bytes stored for `owner`: every live image's size once per active location, as Glance counts it (killed and
 * deleted images are not counted, nor the image being changed).
 */
async function storageUsedBy(em: EntityManager, owner: string, exceptImageId: string): Promise<number> {
  // Through the entity manager, so that inside a transaction the sum is read in it (and sees its writes).
  const [row] = await em.execute<{ used: number | string | null }[]>(
    `select sum(i.size * (select count(*) from image_locations l where l.image_id = i.id and l.status = ?)) as used
       from images i
      where i.owner = ? and i.deleted = ? and i.status <> ? and i.id <> ? and i.size is not null`,
    ['active', owner, false, 'killed', exceptImageId],
  );
  return Number(row?.used ?? 0);
}

/** The room left in the owner's `user_storage_quota` for this image; null when no quota applies (0 = off). */
async function storageQuotaRoom(em: EntityManager, config: Config, image: Image): Promise<ByteLimit | null> {
  const quota = config.user_storage_quota;
  if (quota <= 0 || image.owner === null) return null;
  const used = await storageUsedBy(em, image.owner, image.id);
  return {
    maxBytes: Math.max(0, quota - used),
    exceeded: () => new PayloadTooLargeError(
      `project ${image.owner} has ${quota} bytes of storage (user_storage_quota), ${used} are used, and this image does not fit`,
    ),
  };
}

/** The tighter of `image_size_cap` and the room left in the owner's storage quota. */
export async function imageByteLimit(em: EntityManager, config: Config, image: Image): Promise<ByteLimit> {
  const cap = config.image_size_cap;
  const room = await storageQuotaRoom(em, config, image);
  if (room && room.maxBytes < cap) return room;
  return { maxBytes: cap, exceeded: () => new PayloadTooLargeError(`the image data is larger than image_size_cap (${cap} bytes)`) };
}

/** Refuses a change that would make `image` store `bytes` in total (size × locations) beyond the owner's quota. */
export async function assertStorageQuota(em: EntityManager, config: Config, image: Image, bytes: number): Promise<void> {
  const room = await storageQuotaRoom(em, config, image);
  if (room && bytes > room.maxBytes) throw room.exceeded();
}

/**
 * assertStorageQuota inside the transaction that stores the bytes, after taking the owner's quota lock: checks of
 * one project's quota then run one after another in every process, each seeing what the one before committed.
 */
export async function assertStorageQuotaInWrite(tx: EntityManager, config: Config, image: Image, bytes: number): Promise<void> {
  if (config.user_storage_quota > 0 && image.owner !== null) await tx.upsert(ProjectLock, { project: image.owner, lockedAt: new Date() });
  await assertStorageQuota(tx, config, image, bytes);
}
