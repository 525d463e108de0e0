// `npm start` as README runs it: SIGTERM or SIGINT to the process npm start created stops the server, and no node
// process is left serving.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SPAWN_TEST_TIMEOUT, spawnServe } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'glance-npm-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every process below `pid` (Linux /proc; empty elsewhere). */
function descendantsOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  const children = readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const accepts = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.once('connect', () => socket.destroy());
  });

describe('npm start', { timeout: SPAWN_TEST_TIMEOUT }, () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops the server when %s is sent to the pid npm start created', async (signal) => {
    const serve = spawnServe({ GLANCE_DATA_DIR: dataDir, GLANCE_LOG_LEVEL: 'warn' }, { viaNpm: true });
    let below: number[] = [];
    try {
      const { url } = await serve.ready;
      below = descendantsOf(serve.pid);
      expect(await accepts(url)).toBe(true);

      await serve.stop(signal);
      expect(await accepts(url)).toBe(false);
      expect(below.filter(isRunning)).toEqual([]);
    } finally {
      await serve.stop('SIGKILL');
      // An orphan must not outlive a failed test.
      for (const pid of below.filter(isRunning)) process.kill(pid, 'SIGKILL');
    }
  });
});
