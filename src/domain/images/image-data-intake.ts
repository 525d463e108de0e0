// Taking in an image's data: QUEUED -> SAVING while bytes arrive -> ACTIVE with a location in the store, or back
// to QUEUED on any failure, with no data left behind. Shared by uploads and import tasks.
// Glance: glance/api/v2/image_data.py ImageDataController.upload and _restore, glance/location.py ImageProxy.set_data
import { pipeline, type Readable } from 'node:stream';
import type { Config } from '../../config/index.js';
import { Image, ImageLocation, type EntityManager } from '../../persistence/index.js';
import { ByteLimitError, type FilesystemStore, type StagedData } from '../../store/index.js';
import { ConflictError, DomainError, InvalidInputError } from '../errors.js';
import { storageFullError } from '../storage-full.js';
import { assertStorageQuotaInWrite, imageByteLimit, type ByteLimit } from './image-data-quota.js';
import { recordChange } from '../live/change-publication.js';
import { progressCounter } from '../live/transfer-progress.js';
import { heldBy, keepRenewing, lapsedBy, RELEASED, type LeaseHolder } from '../work-lease.js';
import { moveImage } from './image-status.js';
import { withMinimumRate } from './transfer-rate.js';
import type { ImageStatus } from './image-values.js';

export interface ImageDataDeps {
  em: EntityManager;
  config: Config;
  store: FilesystemStore;
  /** This process's claim on the image while its data arrives. */
  lease: LeaseHolder;
}

export interface ReceiveOptions {
  /** The size the sender announced (Content-Length); beyond the limits it is refused before any byte is read. */
  expectedSize?: number | null;
  /** The status the image holds while bytes arrive: SAVING for uploads, IMPORTING for import tasks. */
  during?: Extract<ImageStatus, 'saving' | 'importing'>;
  /** Where cleanup that fails after a failed upload is reported; the upload's own error is the caller's to report. */
  log?: CleanupLog;
  /** The import task the data arrives for: its subscribers hear the progress too. */
  taskId?: string;
}

export interface CleanupLog {
  error(details: object, message: string): void;
}

/**
 * Streams `source` into the store as `image`'s data. The image must be QUEUED with both formats set. Sets size,
 * checksum (md5) and osHashValue (sha512), adds the stored file as the image's location and makes it ACTIVE;
 * `image_size_cap` and `user_storage_quota` stop the stream as soon as they are exceeded (PAYLOAD_TOO_LARGE).
 * Whatever fails, the image is QUEUED again with no size and no stored file.
 */
export async function receiveImageData(deps: ImageDataDeps, image: Image, source: Readable, options: ReceiveOptions = {}): Promise<void> {
  const { em } = deps;
  const during = options.during ?? 'saving';
  assertReadyForData(image);
  const limit = await imageByteLimit(em, deps.config, image);
  if (options.expectedSize != null && options.expectedSize > limit.maxBytes) throw limit.exceeded();
  // Glance: ImageRepo.save(image, from_state='queued') — two uploads racing cannot both start.
  await moveImage(em, image.id, { operation: 'upload data to', from: 'queued', to: during, changes: heldBy(deps.lease), refusal: uploadRefusal });

  let staged: StagedData | null = null;
  try {
    staged = await stageHeld(deps, image.id, during, withProgressEvents(em, image.id, source, options), limit.maxBytes);
    await activate(deps, image, staged, during);
  } catch (error) {
    // The image goes back to QUEUED even if its data cannot be removed: a stale file must not pin it in SAVING.
    await staged?.discard().catch((discardError: unknown) => {
      options.log?.error({ err: discardError, imageId: image.id }, 'could not remove the data of a failed upload');
    });
    await restoreQueued(deps, image.id, during, options.log);
    throw translateStoreError(error, limit);
  }
}

/**
 * Stages the bytes while renewing this process's lease on the image. Should another process take the image back
 * meanwhile (this one was thought dead), the transfer stops: the data would belong to nobody.
 */
async function stageHeld(deps: ImageDataDeps, id: string, during: ImageStatus, source: Readable, maxBytes: number): Promise<StagedData> {
  const { em, lease } = deps;
  const renew = async () => (await em.nativeUpdate(Image, { id, status: during, leaseOwner: lease.owner }, heldBy(lease))) > 0;
  const lost = () => source.destroy(new ConflictError(`image ${id} was taken back while its data was arriving (this server missed its lease renewals); upload it again`));
  const renewal = keepRenewing(lease, renew, lost);
  const rate = { bytesPerSecond: deps.config.upload_min_rate, windowSeconds: deps.config.upload_rate_window };
  try {
    return await deps.store.stage(id, withMinimumRate(source, rate), maxBytes);
  } finally {
    renewal.stop();
  }
}

/**
 * `source`'s bytes, with PROGRESS published for the image (and the task, on import) as they pass. An error or a
 * destroy on either side reaches the other, as if `source` were read directly.
 */
function withProgressEvents(em: EntityManager, imageId: string, source: Readable, { expectedSize, taskId }: ReceiveOptions): Readable {
  const counter = progressCounter((bytesDone) => {
    const progress = { bytesDone, bytesTotal: expectedSize ?? null };
    recordChange(em, { subject: 'image', kind: 'PROGRESS', imageId, progress });
    if (taskId) recordChange(em, { subject: 'task', kind: 'PROGRESS', taskId, progress });
  });
  return pipeline(source, counter, () => undefined); // the failure itself is reported by the store's pipeline
}

/**
 * Takes back uploads whose server died (their lease lapsed by `now`): the partial data goes, then the image is
 * QUEUED again — unless its holder renewed meanwhile. Any process may run it at any time. Returns the ids repaired.
 */
export async function recoverLapsedUploads(em: EntityManager, store: FilesystemStore, now: Date): Promise<string[]> {
  const lapsed = await em.find(Image, { status: 'saving', ...lapsedBy(now) }, { fields: ['id'] });
  const repaired: string[] = [];
  for (const { id } of lapsed) {
    // The data first: once QUEUED, a new upload may start writing its own.
    await store.removeLeftovers(id);
    const back = { from: 'saving', to: 'queued', changes: { size: null, virtualSize: null, ...RELEASED }, onlyIf: lapsedBy(now) } as const;
    if (await moveImage(em, id, { operation: 'take back the upload of', ...back }).then(() => true, ignoreDomainError)) repaired.push(id);
  }
  return repaired;
}

/** Glance: domain Image.status setter — an image leaves QUEUED only with both formats set (400 otherwise). */
export function assertFormatsSet(image: Image, before: string): void {
  const missing = [image.diskFormat ? null : 'diskFormat', image.containerFormat ? null : 'containerFormat'].filter(Boolean);
  if (missing.length) throw new InvalidInputError(`set ${missing.join(' and ')} of image ${image.id} before ${before}`);
}

function assertReadyForData(image: Image): void {
  if (image.status !== 'queued') throw uploadRefusal(image.id, image.status as ImageStatus);
  assertFormatsSet(image, 'uploading data');
}

function uploadRefusal(id: string, status: ImageStatus): ConflictError {
  return new ConflictError(`cannot upload data to image ${id}: its status is ${status.toUpperCase()}, and data can only be uploaded while it is QUEUED`);
}

/**
 * One transaction: the storage quota checked again, the status change (only if still `during`), the location row,
 * and the file moved into place.
 */
async function activate(deps: ImageDataDeps, image: Image, staged: StagedData, during: ImageStatus): Promise<void> {
  const { id } = image;
  await deps.em.transactional(async (tx) => {
    const { size, checksum, osHashAlgo, osHashValue } = staged;
    // The status move first: it locks the image row before anything is read.
    const changes = { size, checksum, osHashAlgo, osHashValue, ...RELEASED };
    await moveImage(tx, id, { operation: 'store the data of', from: during, to: 'active', changes, onlyIf: { leaseOwner: deps.lease.owner } });
    const position = await tx.count(ImageLocation, { image: id, status: 'active' });
    // The room measured when the upload began may have been taken meanwhile by other uploads or locations of the
    // same owner. Glance: glance/quota/__init__.py ImageProxy.set_data (the quota re-checked after the write)
    await assertStorageQuotaInWrite(tx, deps.config, image, size * (position + 1));
    tx.create(ImageLocation, { image: tx.getReference(Image, id), url: staged.url, metadata: {}, position });
    await tx.flush();
    await staged.commit();
  });
}

/** Glance `_restore`: back to QUEUED with sizes cleared, only if the image is still where this upload put it. */
async function restoreQueued({ em, lease }: ImageDataDeps, id: string, during: ImageStatus, log?: CleanupLog): Promise<void> {
  const changes = { size: null, virtualSize: null, ...RELEASED };
  await moveImage(em, id, { operation: 'put back to QUEUED', from: during, to: 'queued', changes, onlyIf: { leaseOwner: lease.owner } })
    // An image deleted or taken back meanwhile is left as it is; a restore that cannot be written leaves the
    // image in `during` under a lease that lapses, and recovery takes it back.
    .catch((error: unknown) => {
      if (!(error instanceof DomainError)) log?.error({ err: error, imageId: id }, `could not put image ${id} back to QUEUED after a failed upload`);
    });
}

/** For work that may find its image already moved on: a refusal means there is nothing left to do. */
function ignoreDomainError(error: unknown): false {
  if (error instanceof DomainError) return false;
  throw error;
}

function translateStoreError(error: unknown, limit: ByteLimit): unknown {
  if (error instanceof ByteLimitError) return limit.exceeded();
  return storageFullError(error) ?? error;
}
