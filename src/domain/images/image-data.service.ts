// The byte endpoints' rules for one caller: who may upload and download an image's data, and from where it is read.
// Glance: glance/api/v2/image_data.py ImageDataController.upload and download
import { Readable } from 'node:stream';
import type { Config } from '../../config/index.js';
import type { EntityManager, ImageLocation } from '../../persistence/index.js';
import type { ByteRange, FilesystemStore } from '../../store/index.js';
import type { Access } from '../image-access.js';
import { InvalidInputError } from '../errors.js';
import { activeLocations } from '../locations/location-queries.js';
import { openOutboundUrl } from '../outbound-http/outbound-request.js';
import type { LeaseHolder } from '../work-lease.js';
import { receiveImageData, type CleanupLog } from './image-data-intake.js';
import { loadReadableImage, type ImageLoaders } from './image-loaders.js';
import { assertImagePrecondition } from './image-preconditions.js';

export interface ImageDataServiceDeps {
  em: EntityManager;
  config: Config;
  access: Access;
  loaders: ImageLoaders;
  store: FilesystemStore;
  lease: LeaseHolder;
}

/**
 * The image should have data in this server's store but its file cannot be found: a fault of the server (Glance
 * answers 503), not of the caller. The message is safe to show; `cause` has the details for the operator.
 */
export class ImageDataUnavailableError extends Error {
  constructor(readonly imageId: string, options: ErrorOptions) {
    super(`data unavailable: the data of image ${imageId} cannot be read from the image store`, options);
    this.name = 'ImageDataUnavailableError';
  }
}

/** An image's data, ready to be streamed whole or in part. */
export interface ImageDataSource {
  size: number;
  /** MD5 hex digest, when known. */
  checksum: string | null;
  /** Opens the bytes (all, or one range); fails before the first byte when the data cannot be read. */
  open(range?: ByteRange): Promise<Readable>;
}

export class ImageDataService {
  constructor(private readonly deps: ImageDataServiceDeps) {}

  /**
   * Receives the image's data (see receiveImageData) after the `upload_image` policy allows it. `expectedSize` is
   * the announced Content-Length; `log` hears of cleanup that fails after a failed upload.
   */
  async upload(id: string, source: Readable, expectedSize: number | null, log: CleanupLog): Promise<void> {
    const image = await loadReadableImage(this.deps.loaders, this.deps.access, id);
    this.deps.access.require('upload_image', image);
    return receiveImageData(this.deps, image, source, { expectedSize, log });
  }

  /** The image's data from its first location, or null when it has none (Glance answers 204). */
  async download(id: string): Promise<ImageDataSource | null> {
    const { access, em } = this.deps;
    const image = await loadReadableImage(this.deps.loaders, this.deps.access, id);
    assertImagePrecondition('download', image, { config: this.deps.config, identity: access.identity });
    access.require('download_image', image);
    const [location] = await activeLocations(em, image.id);
    if (!location || image.size === null) return null;
    const size = image.size;
    return { size, checksum: image.checksum, open: (range) => this.openLocation(image.id, location, size, range) };
  }

  private async openLocation(imageId: string, location: ImageLocation, size: number, range: ByteRange | undefined): Promise<Readable> {
    if (this.deps.store.owns(location.url)) {
      // Exactly the recorded size is read, as the response announces it in Content-Length.
      if (size === 0) return Readable.from([]);
      return this.deps.store.open(location.url, range ?? { start: 0, end: size - 1 }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ImageDataUnavailableError(imageId, { cause: error });
        throw error;
      });
    }
    // Glance: a store that cannot read ranges answers 400 to a ranged download.
    if (range) throw new InvalidInputError('this image\'s data is at an http(s) location, which does not serve byte ranges');
    return (await openOutboundUrl(location.url, this.deps.config)).body;
  }
}
