import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/domain/errors.js';
import type { DiskFormat } from '../../../src/domain/images/image-values.js';
import { assertDeclaredFormat, checkedAsFormat, detectFormat, FORMAT_HEAD_BYTES } from '../../../src/domain/tasks/format-check.js';

/** A QCOW2 header: magic, version, backing file offset, and incompatible features (v3). */
function qcow2({ version = 3, backingFileOffset = 0n, incompatible = 0n } = {}): Buffer {
  const head = Buffer.alloc(4096);
  head.write('QFI\xfb', 0, 'latin1');
  head.writeUInt32BE(version, 4);
  head.writeBigUInt64BE(backingFileOffset, 8);
  head.writeBigUInt64BE(incompatible, 72);
  return head;
}

function iso(): Buffer {
  const data = Buffer.alloc(FORMAT_HEAD_BYTES + 100);
  data.write('CD001', 0x8001, 'latin1');
  return data;
}

function vdi(): Buffer {
  const data = Buffer.alloc(512);
  data.writeUInt32LE(0xbeda107f, 0x40);
  return data;
}

const errorOf = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected a BAD_USER_INPUT error');
};

describe('detectFormat', () => {
  it.each<[string, Buffer]>([
    ['qcow2', qcow2()],
    ['vhdx', Buffer.from('vhdxfile and more')],
    ['vmdk', Buffer.from('KDMV\x01\x00\x00\x00')],
    ['vmdk', Buffer.from('# Disk DescriptorFile\nversion=1\n')],
    ['vdi', vdi()],
    ['iso', iso()],
    ['vhd', Buffer.from('conectix\x00\x00\x00\x02')],
  ])('recognises %s', (format, head) => {
    expect(detectFormat(head)).toBe(format);
  });

  it('finds nothing in plain bytes', () => {
    expect(detectFormat(Buffer.from('just some raw disk bytes'))).toBeNull();
  });
});

describe('assertDeclaredFormat', () => {
  it('accepts data that matches the declared format, and any bytes for formats without a signature', () => {
    expect(() => assertDeclaredFormat(qcow2(), 'qcow2')).not.toThrow();
    expect(() => assertDeclaredFormat(iso(), 'iso')).not.toThrow();
    for (const format of ['raw', 'ami', 'ari', 'aki', 'ploop', 'vhd'] as DiskFormat[]) {
      expect(() => assertDeclaredFormat(Buffer.from('plain bytes'), format)).not.toThrow();
    }
  });

  it('refuses data of another format, naming both', () => {
    expect(errorOf(() => assertDeclaredFormat(qcow2(), 'raw'))).toBe('the data is a QCOW2 image, not RAW as importFromFormat says');
    expect(errorOf(() => assertDeclaredFormat(vdi(), 'vmdk'))).toMatch(/VDI image, not VMDK/);
  });

  it('refuses data without the header of a format that has one', () => {
    expect(errorOf(() => assertDeclaredFormat(Buffer.from('plain bytes'), 'qcow2'))).toMatch(/not a QCOW2 image/);
  });

  it('refuses QCOW2 images with a backing file or an external data file', () => {
    expect(errorOf(() => assertDeclaredFormat(qcow2({ backingFileOffset: 512n }), 'qcow2'))).toMatch(/backing file/);
    expect(errorOf(() => assertDeclaredFormat(qcow2({ incompatible: 4n }), 'qcow2'))).toMatch(/external file/);
    expect(() => assertDeclaredFormat(qcow2({ version: 2, incompatible: 4n }), 'qcow2')).not.toThrow();
  });
});

describe('checkedAsFormat', () => {
  const chunks = (data: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));

  it('passes every byte through unchanged, however the data is chunked', async () => {
    const data = Buffer.concat([iso(), Buffer.alloc(100_000, 7)]);
    const out = await buffer(Readable.from(checkedAsFormat(chunks(data, 1000), 'iso')));
    expect(out.equals(data)).toBe(true);
  });

  it('checks short data at its end', async () => {
    const data = Buffer.from('short raw data');
    expect((await buffer(Readable.from(checkedAsFormat(chunks(data, 3), 'raw')))).toString()).toBe('short raw data');
    await expect(buffer(Readable.from(checkedAsFormat(chunks(data, 3), 'qcow2')))).rejects.toThrow(/not a QCOW2 image/);
  });

  it('fails on empty data and on a contradicting head before passing anything on', async () => {
    await expect(buffer(Readable.from(checkedAsFormat(Readable.from([]), 'raw')))).rejects.toThrow('the URL returned no data');
    const passed: Buffer[] = [];
    const bad = Buffer.concat([qcow2(), Buffer.alloc(FORMAT_HEAD_BYTES)]);
    await expect((async () => {
      for await (const chunk of checkedAsFormat(chunks(bad, 1024), 'raw')) passed.push(chunk);
    })()).rejects.toThrow(/QCOW2 image, not RAW/);
    expect(passed).toEqual([]);
  });
});
