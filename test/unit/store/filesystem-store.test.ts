import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ByteLimitError, FilesystemStore } from '../../../src/store/index.js';

const ID = '6b0a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d';
let root: string;
let store: FilesystemStore;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'glance-store-'));
  store = new FilesystemStore(join(root, 'images'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const files = () => {
  const dir = join(root, 'images');
  const partial = join(dir, '.partial');
  return [...readdirSync(dir).filter((name) => name !== '.partial'), ...(existsSync(partial) ? readdirSync(partial).map((name) => `.partial/${name}`) : [])];
};
/** A source that yields `chunks`, then fails if `failure` is given (a client that goes away). */
function source(chunks: Buffer[], failure?: Error): Readable {
  return Readable.from((async function* () {
    yield* chunks;
    if (failure) throw failure;
  })());
}

describe('FilesystemStore', () => {
  it('stages data with the size, md5 and sha512 node:crypto gives, and only commit puts it at its URL', async () => {
    const chunks = [randomBytes(70_000), randomBytes(1), randomBytes(65_536)];
    const all = Buffer.concat(chunks);
    const staged = await store.stage(ID, source(chunks), all.length);
    expect(staged).toMatchObject({
      size: all.length,
      checksum: createHash('md5').update(all).digest('hex'),
      osHashAlgo: 'sha512',
      osHashValue: createHash('sha512').update(all).digest('hex'),
    });
    expect(existsSync(fileURLToPath(staged.url))).toBe(false);
    await staged.commit();
    expect(fileURLToPath(staged.url)).toBe(join(root, 'images', ID));
    expect(files()).toEqual([ID]);
    expect(store.owns(staged.url)).toBe(true);
    expect(await text(await store.open(staged.url, { start: 70_000, end: 70_000 }))).toBe(all.subarray(70_000, 70_001).toString());
    await staged.discard();
    expect(files()).toEqual([]);
  });

  it('fails with ByteLimitError once more than the limit arrives, keeping no partial file', async () => {
    await expect(store.stage(ID, source([randomBytes(600), randomBytes(600)]), 1000)).rejects.toBeInstanceOf(ByteLimitError);
    expect(files()).toEqual([]);
    const exact = await store.stage(ID, source([randomBytes(1000)]), 1000);
    expect(exact.size).toBe(1000);
  });

  it('keeps no partial file when the source fails midway', async () => {
    await expect(store.stage(ID, source([randomBytes(5000)], new Error('client went away')), 10_000)).rejects.toThrow('client went away');
    expect(files()).toEqual([]);
  });

  it('removes what an interrupted upload left: partial files and an uncommitted final file of that image only', async () => {
    const committed = await store.stage(ID, source([Buffer.from('done')]), 10);
    await committed.commit();
    await store.stage(ID, source([Buffer.from('partial')]), 10);
    const other = '11111111-2222-4333-8444-555555555555';
    await store.stage(other, source([Buffer.from('partial')]), 10);
    expect(files()).toHaveLength(3);
    await store.removeLeftovers(ID);
    expect(files().map((name) => name.replace(/\.[0-9a-f]+$/, ''))).toEqual([`.partial/${other}`]);
  });

  it('owns only files directly in its directory', async () => {
    expect(store.owns(`file://${join(root, 'images', ID)}`)).toBe(true);
    expect(store.owns(`file://${join(root, 'images', '..', 'glance.sqlite')}`)).toBe(false);
    expect(store.owns('file:///etc/passwd')).toBe(false);
    expect(store.owns('http://example.com/x')).toBe(false);
    await expect(store.stage('../escape', source([]), 1)).rejects.toThrow(/not a valid image id/);
  });
});
