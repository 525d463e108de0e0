// The byte endpoints' rules for one caller: who may upload and download an image's data, and from where it is read.
// Glance: glance/api/v2/image_data.py ImageDataController.upload and download
import { once } from 'node:events';
import { pipeline, Readable } from 'node:stream';
import type { Config } from '../../config/index.js';
import type { EntityManager, ImageLocation } from '../../persistence/index.js';
import { ExpectedDataStream, UnexpectedDataError, type ByteRange, type ExpectedData, type FilesystemStore } from '../../store/index.js';
import type { Access } from '../image-access.js';
import { InvalidInputError } from '../errors.js';
import { activeLocations } from '../locations/location-queries.js';
import { openOutboundUrl } from '../outbound-http/outbound-request.js';
import { redactedUrl } from '../outbound-http/redacted-url.js';
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
 * The image should have data but none of its locations can be read (a file missing from the store, an http(s)
 * location down): a fault of the server (Glance answers 503), not of the caller. The message is safe to show, naming
 * no location (URLs may carry credentials); `cause` has the last failure's details for the operator.
 */
export class ImageDataUnavailableError extends Error {
  constructor(readonly imageId: string, options: ErrorOptions) {
    super(`data unavailable: the data of image ${imageId} cannot be read from any of its locations`, options);
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

  /**
   * The image's data from the first of its locations that can be read, or null when it has none (Glance answers
   * 204). `log` hears of locations that could not be read and of data cut off because it was not the image's.
   */
  async download(id: string, log?: DownloadLog): Promise<ImageDataSource | null> {
    const { access, em } = this.deps;
    const image = await loadReadableImage(this.deps.loaders, this.deps.access, id);
    assertImagePrecondition('download', image, { config: this.deps.config, identity: access.identity });
    access.require('download_image', image);
    const locations = await activeLocations(em, image.id);
    if (locations.length === 0 || image.size === null) return null;
    const expected = { size: image.size, checksum: image.checksum };
    return { ...expected, open: (range) => this.openFirstReadable(image.id, locations, expected, range, log) };
  }

  /** Glance: glance/location.py ImageProxy.get_data tries each location in turn until one opens. */
  private async openFirstReadable(
    imageId: string, locations: readonly ImageLocation[], expected: ExpectedData, range: ByteRange | undefined, log?: DownloadLog,
  ): Promise<Readable> {
    const readable = range ? locations.filter((location) => this.deps.store.owns(location.url)) : locations;
    // Glance: a store that cannot read ranges answers 400 to a ranged download.
    if (readable.length === 0) throw new InvalidInputError('this image\'s data is at an http(s) location, which does not serve byte ranges');
    let failure: unknown;
    for (const location of readable) {
      try {
        return await this.openLocation(imageId, location, expected, range, log);
      } catch (error) {
        failure = error;
        log?.warn({ err: error, imageId, location: redactedUrl(location.url) }, 'an image location cannot be read; trying the next');
      }
    }
    throw new ImageDataUnavailableError(imageId, { cause: failure });
  }

  private async openLocation(
    imageId: string, location: ImageLocation, expected: ExpectedData, range: ByteRange | undefined, log?: DownloadLog,
  ): Promise<Readable> {
    const { size } = expected;
    if (this.deps.store.owns(location.url)) {
      // Exactly the recorded size is read, as the response announces it in Content-Length.
      if (size === 0) return Readable.from([]);
      return this.deps.store.open(location.url, range ?? { start: 0, end: size - 1 });
    }
    const response = await openOutboundUrl(location.url, this.deps.config);
    if (response.contentLength !== null && response.contentLength !== size) {
      response.body.destroy();
      throw new UnexpectedDataError(`the location announces ${response.contentLength} bytes, the image has ${size}`);
    }
    // Data that turns out not to be the image's fails the stream, which cuts the client's connection.
    const verified = pipeline(response.body, new ExpectedDataStream(expected), (error) => {
      if (error instanceof UnexpectedDataError) {
        log?.error({ err: error, imageId, location: redactedUrl(location.url) }, 'an image location served other data; the download was cut off');
      }
    });
    // Until its first byte passes, a failure still lets the next location be tried.
    await once(verified, 'readable');
    return verified;
  }
}

/** Where a download reports trouble with a location; the server's request log. */
export interface DownloadLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
