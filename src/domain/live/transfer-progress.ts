// Upload and import progress: how many bytes have arrived, told at a pace a client can render.
import { Transform } from 'node:stream';

/** Progress is told at most this often while bytes arrive, and once at the end. */
export const PROGRESS_INTERVAL_MS = 250;

/** A pass-through that tells `report` the bytes so far at most every 250 ms while they pass, and once at the end. */
export function progressCounter(report: (bytesDone: number) => void): Transform {
  let bytesDone = 0;
  let toldAt = Date.now();
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesDone += chunk.length;
      if (Date.now() - toldAt >= PROGRESS_INTERVAL_MS) {
        toldAt = Date.now();
        report(bytesDone);
      }
      done(null, chunk);
    },
    flush(done) {
      report(bytesDone);
      done();
    },
  });
}
