// A full disk under the image store or the database is neither the client's fault nor an unexplained crash: it is
// answered INSUFFICIENT_STORAGE, which tells the client to retry later and the operator what to fix.
import { InsufficientStorageError } from './errors.js';

// Node's errno for a full filesystem or quota, SQLite's result code, PostgreSQL's SQLSTATE disk_full.
const STORAGE_FULL_CODES: ReadonlySet<unknown> = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

/** INSUFFICIENT_STORAGE when `error` (or an error it was caused by) says the disk is full, else null. */
export function storageFullError(error: unknown): InsufficientStorageError | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof InsufficientStorageError) return current;
    if (STORAGE_FULL_CODES.has((current as NodeJS.ErrnoException).code)) {
      return new InsufficientStorageError('the server has no storage left for this change; try again later', { cause: error });
    }
  }
  return null;
}
