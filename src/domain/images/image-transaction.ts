// Check-then-write changes to an image and the rows that hang off it, made safe against parallel requests.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Image, type EntityManager } from '../../persistence/index.js';
import { ConflictError, NotFoundError } from '../errors.js';

/**
 * Reads the image again and runs `work` on it in one transaction, which commits what `work` changed. Write
 * transactions share the server's single writer connection, so they run one after another: parallel calls
 * cannot pass a quota or a duplicate check together, and no check is made on a status or visibility that changed
 * before the write. `conflict` is the message for the one race left, another process sharing the database file
 * writing the same unique row first.
 */
export async function inImageTransaction<T>(
  em: EntityManager,
  id: string,
  work: (tx: EntityManager, image: Image) => Promise<T>,
  conflict: string,
): Promise<T> {
  try {
    return await em.transactional(async (tx) => {
      const image = await tx.findOne(Image, id, { refresh: true });
      if (!image) throw new NotFoundError(`no image with id ${id}`);
      return work(tx, image);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(conflict);
    throw error;
  }
}
