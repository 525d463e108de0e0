// A minimum transfer rate for data arriving from a client or a remote URL: without one, a sender that drips a
// byte now and then holds its image (SAVING, IMPORTING) for as long as it likes.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { RequestTimeoutError } from '../errors.js';

export interface MinimumRate {
  /** 0: no minimum. */
  bytesPerSecond: number;
  windowSeconds: number;
}

/**
 * `source` as it passes; at the end of each window of `windowSeconds`, fewer than bytesPerSecond × windowSeconds bytes
 * received in it fail the returned stream with REQUEST_TIMEOUT. A failure on either side ends both, as a pipeline
 * does; an upload's request stream is let go without closing its connection, which stays open for the answer.
 */
export function withMinimumRate(source: Readable, { bytesPerSecond, windowSeconds }: MinimumRate): Readable {
  if (bytesPerSecond === 0) return source;
  const meter = new ByteMeter();
  const needed = bytesPerSecond * windowSeconds;
  const check = setInterval(() => {
    if (meter.takeCount() >= needed) return;
    meter.destroy(new RequestTimeoutError(`the data arrived too slowly: fewer than ${needed} bytes in ${windowSeconds} s (upload_min_rate is ${bytesPerSecond} bytes per second)`));
  }, windowSeconds * 1000).unref();
  return pipeline(source, meter, () => clearInterval(check));
}

class ByteMeter extends Transform {
  private count = 0;

  /** The bytes passed since the last call. */
  takeCount(): number {
    const count = this.count;
    this.count = 0;
    return count;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    callback(null, chunk);
  }
}
