// Counts and hashes bytes as they pass, and stops the stream the moment it carries more than it may.
// Glance: glance/location.py ImageProxy._upload_to_store (md5 checksum + os_hash_value), glance/common/utils.py LimitingReader
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** What the store learned about the bytes it received. */
export interface DataDigest {
  size: number;
  /** MD5 hex digest (Glance's `checksum`). */
  checksum: string;
  /** The algorithm of `osHashValue`. */
  osHashAlgo: 'sha512';
  osHashValue: string;
}

/** The stream carried more than `limit` bytes; nothing past the limit was passed on. */
export class ByteLimitError extends Error {
  constructor(readonly limit: number) {
    super(`the data is larger than ${limit} bytes`);
    this.name = 'ByteLimitError';
  }
}

export class DigestStream extends Transform {
  private readonly md5: Hash = createHash('md5');
  private readonly sha512: Hash = createHash('sha512');
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new ByteLimitError(this.maxBytes));
    this.md5.update(chunk);
    this.sha512.update(chunk);
    callback(null, chunk);
  }

  /** How many bytes arrived so far, those past the limit included. */
  get bytesSeen(): number {
    return this.bytes;
  }

  /** The digest of everything that passed; call once, after the stream finished. */
  digest(): DataDigest {
    return { size: this.bytes, checksum: this.md5.digest('hex'), osHashAlgo: 'sha512', osHashValue: this.sha512.digest('hex') };
  }
}
