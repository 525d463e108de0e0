// Where the CPU of a listing request goes, process by process: the listing benchmark's query and client against one
// `serve` (1 or more workers) on SQLite or PostgreSQL, and, around a measured autocannon run, every process's CPU
// time from /proc summed by kind (our server's processes, the PostgreSQL backends, this load generator, the
// kernel's workers), divided by the requests answered. On 2 shared cores this says what a second worker can gain:
// CPU spent outside our server (PostgreSQL, the client) is taken from the same cores.
// Usage: tsx bench/listing-cpu-split.ts [--engines postgresql,sqlite] [--workers 1,2] [--images 12500] [--duration 8]
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createBenchDatabase, type BenchDatabase, type BenchEngine } from './bench-database.js';
import { processStat, startServe } from './child.js';
import { generateDataset } from './dataset.js';
import { FIRST_PAGE, measure, memberHeaders, type Target } from './listing-load.js';

const { values: options } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgresql,sqlite' },
    workers: { type: 'string', default: '1,2' },
    images: { type: 'string', default: '12500' },
    duration: { type: 'string', default: '8' },
  },
});
/** CPU milliseconds used so far by every process on the machine, summed by kind; `server` is our server's pid. */
function cpuByKind(server: number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = processStat(pid);
    if (!stat) continue; // ended meanwhile
    // The server's workers are its children (node:cluster).
    const ours = Number(pid) === server || stat.parentPid === server;
    const kind = ours ? 'our server' : Number(pid) === process.pid ? 'load generator' : stat.command.startsWith('postgres') ? 'PostgreSQL' : stat.command.startsWith('kworker') ? 'kernel workers' : null;
    if (kind) totals.set(kind, (totals.get(kind) ?? 0) + stat.cpuMs);
  }
  return totals;
}

async function split(database: BenchDatabase, workers: string): Promise<string> {
  const server = await startServe({ ...database.env, GLANCE_WORKERS: workers, GLANCE_TASK_SWEEP_INTERVAL: '86400' });
  try {
    const target: Target = { label: `${database.engine}, workers: ${workers}`, url: server.announced, headers: await memberHeaders(database.config()), body: JSON.stringify({ query: FIRST_PAGE }) };
    await measure([target], { connections: 32, duration: 2, warmup: 1 });
    const before = cpuByKind(server.process.pid!);
    const result = await measure([target], { connections: 32, duration: Number(options.duration), warmup: 0 });
    const after = cpuByKind(server.process.pid!);
    const requests = result.requestsPerSecond * Number(options.duration);
    const perRequest = (kind: string) => (((after.get(kind) ?? 0) - (before.get(kind) ?? 0)) / requests).toFixed(2);
    return `| ${target.label} | ${Math.round(result.requestsPerSecond)} | ${perRequest('our server')} | ${perRequest('PostgreSQL')} | ${perRequest('load generator')} | ${perRequest('kernel workers')} |`;
  } finally {
    await server.stop();
  }
}

const rows: string[] = [];
for (const engine of options.engines.split(',') as BenchEngine[]) {
  const database = await createBenchDatabase(engine, 'bench-cpu-split');
  try {
    await generateDataset(database.config(), { images: Number(options.images), now: new Date('2026-12-01T00:00:00Z') });
    for (const workers of options.workers.split(',')) rows.push(await split(database, workers));
  } finally {
    await database.drop();
  }
}
console.log(`
CPU ms per \`images(first: 50)\` request, by process kind (${new Date().toISOString().slice(0, 16)}Z, load average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')})

| setup | req/s | our server | PostgreSQL | load generator | kernel workers |
|---|---|---|---|---|---|
${rows.join('\n')}`);
