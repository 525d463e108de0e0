// `workers: 2`: two processes serve one port and one database, each answers requests; a worker that dies is
// replaced (and the primary says so), and SIGTERM to the primary stops them all.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SPAWN_TEST_TIMEOUT, spawnServe, type ServeProcess } from '../helpers/cli.js';
import { GraphQLClient } from '../helpers/client.js';
import { useTestDatabase } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-workers-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The worker pids the primary logged as listening, in order. */
function listeningPids(serve: ServeProcess): number[] {
  return [...serve.output().matchAll(/"msg":"worker (\d+) listening"/g)].map((match) => Number(match[1]));
}

/** Bytes a process has written, sockets included: a worker that answers requests writes the responses. */
function bytesWritten(pid: number): number {
  return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A GraphQL request on a connection of its own (fetch would reuse one), so that the cluster hands each request
 * to the next worker. Resolves with the response body.
 */
function postOnNewConnection(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables });
    const sent = request(`${url}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(text) as { data?: unknown; errors?: unknown }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('workers: 2', () => {
  it('serves one port and one database from two processes, replaces a worker that dies, and stops all on SIGTERM', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const serve = spawnServe({ ...database.env, GLANCE_DATA_DIR: dataDir, GLANCE_WORKERS: '2', GLANCE_LOG_LEVEL: 'info' });
    try {
      const { url, adminToken } = await serve.ready;
      const workers = listeningPids(serve);
      expect(new Set(workers).size).toBe(2);
      expect(workers).not.toContain(serve.pid);

      // An image created through one worker is read through both.
      const { id } = await createImage(new GraphQLClient(url, adminToken), { name: 'shared' });
      const written = workers.map(bytesWritten);
      const read = async () => postOnNewConnection(url, adminToken, 'query ($id: ID!) { image(id: $id) { name } }', { id });
      for (let n = 0; n < 10; n += 1) expect(await read()).toEqual({ data: { image: { name: 'shared' } } });
      const grown = workers.map((pid, n) => bytesWritten(pid) - written[n]!);
      // Each answered several of the ten (a response is a few hundred bytes with its headers).
      expect(grown.every((bytes) => bytes > 600), `bytes written by each worker: ${grown.join(', ')}`).toBe(true);

      process.kill(workers[0]!, 'SIGKILL');
      await expect.poll(() => listeningPids(serve).length, { timeout: 30_000, interval: 100 }).toBe(3);
      expect(serve.output()).toContain(`worker ${workers[0]} died (SIGKILL); starting another`);
      const running = [workers[1]!, listeningPids(serve)[2]!];
      for (let n = 0; n < 4; n += 1) expect(await read()).toEqual({ data: { image: { name: 'shared' } } });

      expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(running.filter(isRunning)).toEqual([]);
    } finally {
      await serve.stop('SIGKILL');
    }
  });
});
