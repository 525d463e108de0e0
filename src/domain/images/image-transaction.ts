// Check-then-write changes to an image and the rows that hang off it, made safe against parallel requests.
import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Image, type EntityManager } from '../../persistence/index.js';
import { ConflictError, NotFoundError } from '../errors.js';

/**
 * Locks the image row, reads the image again and runs `work` on it in one transaction, which commits what `work`
 * changed. The lock makes writers of one image — in this process or any other on the same database — run one
 * after another: parallel calls cannot pass a quota or a duplicate check together, and no check is made on a
 * status or visibility that changed before the write. `conflict` is the message should a unique row be written
 * first anyway.
 */
export async function inImageTransaction<T>(
  em: EntityManager,
  id: string,
  work: (tx: EntityManager, image: Image) => Promise<T>,
  conflict: string,
): Promise<T> {
  try {
    return await em.transactional(async (tx) => {
      await lockImageRow(tx, id);
      const image = await tx.findOne(Image, id, { refresh: true });
      if (!image) throw new NotFoundError(`no image with id ${id}`);
      return work(tx, image);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(conflict);
    throw error;
  }
}

/**
 * Takes the image row's write lock for the rest of the transaction by writing the row without changing it: a row
 * lock on PostgreSQL (as SELECT ... FOR UPDATE), the database write lock on SQLite. Taken first, before anything is
 * read, so the reads that follow see every write committed before it and SQLite never has to upgrade a read lock.
 */
export async function lockImageRow(tx: EntityManager, id: string): Promise<void> {
  await tx.nativeUpdate(Image, { id }, { updatedAt: raw('updated_at') });
}
