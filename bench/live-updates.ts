// Live-update benchmark: N subscribers of imageChanged on one image and N of imagesChanged, each on a WebSocket of
// its own, against the real server (its own process, `src/main.ts serve`); one change per round. Reports the time
// from sending the mutation until each subscriber has the event (p50, p99 over all deliveries) and until all of
// them have it (p50, p99 over rounds), and the server's RSS growth per idle subscription.
// Usage: tsx bench/live-updates.ts [--subscribers 1000] [--rounds 20]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../src/config/index.js';
import { loadJwtSecret, signToken } from '../src/http/auth.js';
import { startServe } from './child.js';

const { values: options } = parseArgs({ options: { subscribers: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '20' } } });
const subscribers = Number(options.subscribers);
const rounds = Number(options.rounds);

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

const dataDir = mkdtempSync(join(tmpdir(), 'glance-bench-live-'));
const server = await startServe({ GLANCE_DATA_DIR: dataDir });
const url = server.announced.replace(/\/graphql$/, '');
const secret = loadJwtSecret(loadConfig({ env: {}, overrides: { data_dir: dataDir } }));
const token = await signToken(secret, { userId: 'bench', projectId: 'project-a', roles: ['member'], expiresIn: '1h' });

async function graphql(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: Record<string, { image: { id: string } }> }).data;
}

try {
  const created = await graphql('mutation ($input: CreateImageInput!) { createImage(input: $input) { image { id } } }', {
    input: { name: 'watched', diskFormat: 'RAW', containerFormat: 'BARE' },
  });
  const imageId = created.createImage!.image.id;
  await sleep(500);
  const before = rssKiB(server.process.pid!);

  let round = -1;
  const arrivals: number[][] = [];
  const clients: Client[] = [];
  /** Resolves once the connection is acknowledged, so the server's accept queue never overflows. */
  const open = (query: string, variables: Record<string, unknown>) =>
    new Promise<void>((connected) => {
      const client = createClient({
        url: url.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0, on: { connected: () => connected() },
      });
      clients.push(client);
      client.subscribe({ query, variables }, { next: () => void arrivals[round]?.push(performance.now()), error: (error) => console.error('subscription error', (error as { code?: number }).code, (error as { reason?: string }).reason), complete: () => undefined });
    });
  for (let n = 0; n < subscribers; n += 50) {
    const batch = Math.min(50, subscribers - n);
    await Promise.all(Array.from({ length: batch }, () => [
      open('subscription ($id: ID!) { imageChanged(id: $id) { kind image { id name status } } }', { id: imageId }),
      open('subscription { imagesChanged { kind image { id name } } }', {}),
    ]).flat());
  }
  await sleep(3_000);
  const idle = rssKiB(server.process.pid!);

  const untilEach: number[] = [];
  const untilAll: number[] = [];
  for (round = 0; round < rounds; round += 1) {
    arrivals[round] = [];
    const sent = performance.now();
    await graphql('mutation ($input: UpdateImageInput!) { updateImage(input: $input) { image { id } } }', { input: { id: imageId, name: `round ${round}` } });
    while (arrivals[round]!.length < 2 * subscribers && performance.now() - sent < 30_000) await sleep(1);
    const latencies = arrivals[round]!.map((at) => at - sent);
    if (latencies.length < 2 * subscribers) throw new Error(`round ${round}: ${latencies.length} of ${2 * subscribers} deliveries within 30 s`);
    untilEach.push(...latencies);
    untilAll.push(Math.max(...latencies));
    await sleep(200);
  }
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`live updates: ${subscribers} subscribers of imageChanged + ${subscribers} of imagesChanged, one WebSocket each, ${rounds} rounds of one change; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  console.log(`  until each has it: p50 ${ms(percentile(untilEach, 50))}, p99 ${ms(percentile(untilEach, 99))}`);
  console.log(`  until all have it: p50 ${ms(percentile(untilAll, 50))}, p99 ${ms(percentile(untilAll, 99))}`);
  console.log(`  server RSS: ${(before / 1024).toFixed(1)} MiB before, ${(idle / 1024).toFixed(1)} MiB with ${2 * subscribers} idle subscriptions: ${((idle - before) / (2 * subscribers)).toFixed(1)} KiB each (connection included)`);
  await Promise.all(clients.map((client) => client.dispose()));
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
