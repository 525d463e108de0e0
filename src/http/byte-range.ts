// The HTTP Range header of a download: one `bytes=` range, as Glance serves them.
// Glance: glance/common/wsgi.py Request.get_range_from_request (a malformed range answers 416)
import type { ByteRange } from '../store/index.js';

/** The range to serve; null means the whole data; `unsatisfiable` answers 416. */
export function parseByteRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '') || size === 0) return 'unsatisfiable';
  const [, first, last] = match;
  if (first === '') {
    // A suffix range: the last N bytes.
    const length = Number(last);
    return length === 0 ? 'unsatisfiable' : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : { start, end };
}
