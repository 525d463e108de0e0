// Passes data on only while it is the data expected: no more than `size` bytes, and at the end exactly `size`
// bytes with the expected MD5. The latest chunk is held back until the next one arrives or the end checks out, so
// a reader never receives a complete body that turns out short, long or different: the stream fails instead.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export interface ExpectedData {
  size: number;
  /** MD5 hex digest, when known. */
  checksum: string | null;
}

/** The data read is not the data expected; nothing past the last good chunk was passed on. */
export class UnexpectedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedDataError';
  }
}

export class ExpectedDataStream extends Transform {
  private readonly md5 = createHash('md5');
  private bytes = 0;
  private held: Buffer | null = null;

  constructor(private readonly expected: ExpectedData) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected.size) return callback(new UnexpectedDataError(`the data is longer than the expected ${this.expected.size} bytes`));
    this.md5.update(chunk);
    const previous = this.held;
    this.held = chunk;
    callback(null, previous);
  }

  override _flush(callback: TransformCallback): void {
    const { size, checksum } = this.expected;
    if (this.bytes < size) return callback(new UnexpectedDataError(`the data ended after ${this.bytes} of the expected ${size} bytes`));
    if (checksum && this.md5.digest('hex') !== checksum) return callback(new UnexpectedDataError(`the data's MD5 is not the expected ${checksum}`));
    callback(null, this.held);
  }
}
