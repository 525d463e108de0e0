// Checks that imported data is in the disk format the task declared, from the first bytes of the stream, and
// refuses QCOW2 images that point at other files (a backing file or an external data file could make a
// hypervisor read host files). Formats without a header signature (raw, ami, ari, aki, ploop, fixed vhd) pass
// unless the data carries another format's signature.
// Glance: glance/common/format_inspector.py (QcowInspector, VHDXInspector, VMDKInspector, VDIInspector,
// ISOInspector; the QCOW2 backing-file and data-file safety checks)
import { InvalidInputError } from '../errors.js';
import type { DiskFormat } from '../images/image-values.js';

/** Enough to reach the ISO 9660 volume descriptor at 32 KiB + 1. */
export const FORMAT_HEAD_BYTES = 32 * 1024 + 8;

type Detectable = 'qcow2' | 'vhdx' | 'vmdk' | 'vdi' | 'iso' | 'vhd';

const SIGNATURES: readonly { format: Detectable; matches: (head: Buffer) => boolean }[] = [
  { format: 'qcow2', matches: (head) => head.subarray(0, 4).equals(Buffer.from([0x51, 0x46, 0x49, 0xfb])) },
  { format: 'vhdx', matches: (head) => head.subarray(0, 8).toString('latin1') === 'vhdxfile' },
  { format: 'vmdk', matches: (head) => head.subarray(0, 4).toString('latin1') === 'KDMV' || head.subarray(0, 21).toString('latin1') === '# Disk DescriptorFile' },
  { format: 'vdi', matches: (head) => head.length >= 0x44 && head.readUInt32LE(0x40) === 0xbeda107f },
  { format: 'iso', matches: (head) => head.subarray(0x8001, 0x8006).toString('latin1') === 'CD001' },
  // Dynamic VHDs start with a copy of their footer; fixed ones only end with it and cannot be told from raw.
  { format: 'vhd', matches: (head) => head.subarray(0, 8).toString('latin1') === 'conectix' },
];

const DETECTABLE = new Set<string>(SIGNATURES.map(({ format }) => format).filter((format) => format !== 'vhd'));

/** The format the first bytes show, or null when they carry no known signature. */
export function detectFormat(head: Buffer): Detectable | null {
  return SIGNATURES.find(({ matches }) => matches(head))?.format ?? null;
}

/** Throws BAD_USER_INPUT when `head` (the first FORMAT_HEAD_BYTES of the data, or all of it) contradicts `declared`. */
export function assertDeclaredFormat(head: Buffer, declared: DiskFormat): void {
  const detected = detectFormat(head);
  if (detected !== null && detected !== declared) {
    throw new InvalidInputError(`the data is a ${detected.toUpperCase()} image, not ${declared.toUpperCase()} as importFromFormat says`);
  }
  if (detected === null && DETECTABLE.has(declared)) {
    throw new InvalidInputError(`the data is not a ${declared.toUpperCase()} image: it does not start with a ${declared.toUpperCase()} header`);
  }
  if (detected === 'qcow2') assertSelfContainedQcow2(head);
}

function assertSelfContainedQcow2(head: Buffer): void {
  if (head.length < 80) throw new InvalidInputError('the data ends inside its QCOW2 header');
  if (head.readBigUInt64BE(8) !== 0n) throw new InvalidInputError('the QCOW2 image names a backing file; only self-contained images are accepted');
  const version = head.readUInt32BE(4);
  // Version 3 incompatible-feature bit 2: the guest data lives in an external file.
  if (version >= 3 && (head.readBigUInt64BE(72) & 4n) !== 0n) {
    throw new InvalidInputError('the QCOW2 image keeps its data in an external file; only self-contained images are accepted');
  }
}

/**
 * Passes `source` through unchanged after checking its first bytes against `declared`; an empty source, or one
 * whose head contradicts the declared format, fails the stream with BAD_USER_INPUT before any byte is passed on.
 */
export async function* checkedAsFormat(source: AsyncIterable<Buffer>, declared: DiskFormat): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let heldBytes = 0;
  let checked = false;
  for await (const chunk of source) {
    if (checked) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes >= FORMAT_HEAD_BYTES) {
      assertDeclaredFormat(Buffer.concat(held), declared);
      checked = true;
      yield* held.splice(0);
    }
  }
  if (checked) return;
  if (heldBytes === 0) throw new InvalidInputError('the URL returned no data');
  assertDeclaredFormat(Buffer.concat(held), declared);
  yield* held;
}
