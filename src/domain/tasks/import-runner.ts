// One IMPORT task's work: fetch `importFrom` through the outbound filter and feed it, checked against the declared
// disk format, into the upload path (hashing, size cap, quota) of the image the task created.
// Glance: glance/async_/flows/base_import.py (_ImportToFS, _ImportToStore; the image is removed when the flow fails)
import { Readable } from 'node:stream';
import type { Config } from '../../config/index.js';
import { Image, type EntityManager, type Task } from '../../persistence/index.js';
import type { FilesystemStore } from '../../store/index.js';
import { ConflictError, DomainError, InvalidInputError } from '../errors.js';
import { receiveImageData, type CleanupLog } from '../images/image-data-intake.js';
import { softDeleteImage } from '../images/image-deletion.js';
import type { DiskFormat } from '../images/image-values.js';
import { openOutboundUrl } from '../outbound-http/outbound-request.js';
import type { LeaseHolder } from '../work-lease.js';
import { checkedAsFormat } from './format-check.js';

export interface ImportDeps {
  em: EntityManager;
  config: Config;
  store: FilesystemStore;
  /** This process's claim on the task's image while its data arrives. */
  lease: LeaseHolder;
  /** Where cleanup that fails after a failed import is reported. */
  logger: CleanupLog;
}

interface StoredImportInput {
  importFrom: string;
  importFromFormat: DiskFormat;
}

/** Fills the task's image from its URL; resolves with the image id once the image is ACTIVE. */
export async function runImport(deps: ImportDeps, task: Task, signal: AbortSignal): Promise<string> {
  const { em, config, store, lease, logger } = deps;
  const { importFrom, importFromFormat } = task.input as unknown as StoredImportInput;
  const image = task.imageId ? await em.findOne(Image, task.imageId) : null;
  if (!image) throw new ConflictError('the image this task was to fill was deleted before the import started');
  const response = await openOutboundUrl(importFrom, config, { signal });
  const transfer: { error?: Error } = {};
  response.body.once('error', (error) => (transfer.error = error));
  try {
    const source = Readable.from(checkedAsFormat(response.body, importFromFormat));
    await receiveImageData({ em, config, store, lease }, image, source, { expectedSize: response.contentLength, during: 'importing', log: logger, taskId: task.id });
    return image.id;
  } catch (error) {
    if (transfer.error && error === transfer.error && !(error instanceof DomainError) && !signal.aborted) {
      throw new InvalidInputError(`the transfer from ${response.url.href} broke off: ${transfer.error.message}`);
    }
    throw error;
  } finally {
    response.body.destroy();
  }
}

/**
 * After a failed import: deletes the task's image, with any members its owner added meanwhile, if it never became
 * ACTIVE (a complete image is left alone). Returns whether it did; the caller then removes what the import left in
 * the store.
 */
export async function discardImportImage(tx: EntityManager, imageId: string, now: Date): Promise<boolean> {
  try {
    await softDeleteImage(tx, imageId, { from: ['queued', 'importing'] }, now);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false; // already gone, or complete: left alone
    throw error;
  }
}
