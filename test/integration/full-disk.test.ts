// A full disk under the data dir (a small tmpfs, so this runs only where the test may mount one: as root on Linux):
// writes answer INSUFFICIENT_STORAGE (507) rather than 500, deletes still go through, and /readyz says not ready
// while the database cannot write.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateImageDocument, DeleteImageDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bytes, expectHttpError, upload } from './image-data-fixtures.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'glance-full-disk-'));
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let server: TestServer;
const ballast = join(mountPoint, 'ballast');

/** Fills what is left of the filesystem. */
function fillDisk(): void {
  const fd = openSync(ballast, 'a');
  try {
    for (const chunk = Buffer.alloc(64 * 1024); ; ) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  if (mounted) server = await startTestServer({ data_dir: mountPoint });
});
afterAll(async () => {
  if (!mounted) return;
  await server.close();
  execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const readiness = async () => (await fetch(`${server.url}/readyz`)).status;

// The database must be on the full disk too, which only the SQLite file under the data dir is.
describe.skipIf(!mounted || testEngine() === 'postgresql')('a full disk', () => {
  it('answers uploads, writes and readiness with 507 / 503, lets deletes through, and recovers once space is freed', async () => {
    const { alice } = await server.personas();
    const { id: kept } = await createImage(alice);
    expect((await upload(alice, kept, bytes(1024 * 1024))).status).toBe(204);
    // An upload larger than the room left fails with the store's ENOSPC, and its partial data is removed.
    const { id: tooBig } = await createImage(alice);
    expect(await expectHttpError(await upload(alice, tooBig, bytes(16 * 1024 * 1024)), 507, 'INSUFFICIENT_STORAGE')).toMatch(/no storage left/);

    fillDisk();
    const codes = new Set<string>();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const response = await alice.request(CreateImageDocument, { input: { name: `${attempt}`.padEnd(250, "x") } });
      codes.add(response.errors?.[0]?.extensions?.code as string ?? 'OK');
    }
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(codes).toContain('INSUFFICIENT_STORAGE');
    expect(await readiness()).toBe(503);

    const deleted = await alice.request(DeleteImageDocument, { input: { id: kept } });
    expect(deleted.errors).toBeUndefined();

    rmSync(ballast);
    await expect.poll(readiness).toBe(200);
    expect((await alice.request(CreateImageDocument, { input: { name: 'after' } })).errors).toBeUndefined();
  });
});
