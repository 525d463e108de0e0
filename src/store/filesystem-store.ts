// The filesystem store (`file` scheme): one file per image under `<data_dir>/images`. Data arrives in a partial
// file and is renamed into place only when the caller commits, so a failed or interrupted upload never leaves a
// file at an image's location.
// Glance: glance_store/_drivers/filesystem.py Store.add (partial data removed on any write error)
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DigestStream, type DataDigest } from './digest-stream.js';

/** Received data waiting for its image's status change to commit. */
export interface StagedData extends DataDigest {
  /** The location the data has once committed. */
  readonly url: string;
  /** Moves the data to `url`. */
  commit(): Promise<void>;
  /** Removes the data, whether committed or not; safe to call more than once. */
  discard(): Promise<void>;
}

/** A byte range, both ends included (as in HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/** Told how many bytes each transfer moved into or out of the store (for metrics), whether it succeeded or not. */
export interface StoreTraffic {
  received(bytes: number): void;
  sent(bytes: number): void;
}

const PARTIAL_DIR = '.partial';

export class FilesystemStore {
  readonly root: string;

  constructor(
    root: string,
    private readonly traffic?: StoreTraffic,
  ) {
    this.root = resolve(root);
  }

  /**
   * Streams `source` into a partial file while counting and hashing it, with constant memory. Fails with
   * ByteLimitError as soon as more than `maxBytes` arrive; on any failure the partial file is gone.
   */
  async stage(imageId: string, source: Readable, maxBytes: number): Promise<StagedData> {
    const finalPath = this.pathOf(imageId);
    const partialPath = join(this.root, PARTIAL_DIR, `${imageId}.${randomBytes(6).toString('hex')}`);
    await mkdir(dirname(partialPath), { recursive: true });
    const digest = new DigestStream(maxBytes);
    try {
      await pipeline(source, digest, createWriteStream(partialPath, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await rm(partialPath, { force: true });
      throw error;
    } finally {
      this.traffic?.received(digest.bytesSeen);
    }
    return {
      ...digest.digest(),
      url: pathToFileURL(finalPath).href,
      commit: () => rename(partialPath, finalPath),
      discard: async () => {
        await rm(partialPath, { force: true });
        await rm(finalPath, { force: true });
      },
    };
  }

  /** Whether `url` names a file of this store (users may never point a location at one). */
  owns(url: string): boolean {
    return this.ownedPath(url) !== null;
  }

  /** Opens a range of the data at `url`; fails before any byte is read if the file is missing. */
  async open(url: string, range: ByteRange): Promise<Readable> {
    const path = this.ownedPath(url);
    if (path === null) throw new Error(`${url} is not in the filesystem store`);
    const handle = await open(path, 'r');
    const stream = handle.createReadStream({ start: range.start, end: range.end, highWaterMark: 1024 * 1024 });
    const traffic = this.traffic;
    if (traffic) stream.once('close', () => traffic.sent(stream.bytesRead));
    return stream;
  }

  /** Deletes the data at `url` if it is this store's; data already gone is not an error. */
  async remove(url: string): Promise<void> {
    const path = this.ownedPath(url);
    if (path !== null) await rm(path, { force: true });
  }

  /** Removes whatever an interrupted upload of `imageId` left: partial files and an uncommitted final file. */
  async removeLeftovers(imageId: string): Promise<void> {
    const partials = await readdir(join(this.root, PARTIAL_DIR)).catch(() => [] as string[]);
    const mine = partials.filter((name) => name.startsWith(`${imageId}.`));
    await Promise.all(mine.map((name) => rm(join(this.root, PARTIAL_DIR, name), { force: true })));
    await rm(this.pathOf(imageId), { force: true });
  }

  private pathOf(imageId: string): string {
    // Image ids are UUIDs; anything else must not become part of a path.
    if (!/^[0-9a-zA-Z-]+$/.test(imageId)) throw new Error(`not a valid image id for a file name: ${imageId}`);
    return join(this.root, imageId);
  }

  /** The file `url` names, if it is one of this store's (directly in its root); else null. */
  private ownedPath(url: string): string | null {
    if (!url.startsWith('file:')) return null;
    try {
      const path = resolve(fileURLToPath(url));
      return dirname(path) === this.root ? path : null;
    } catch {
      return null;
    }
  }
}
