// Listing across engines and processes: requests/s of a member's `images(first: 50)` (the listing benchmark's
// query and client) on the same data set in SQLite and in PostgreSQL, served by one process, by `workers: 2`, and
// (PostgreSQL) by two replicas: two separate `serve` processes on one database, loaded at once, figures summed.
// Goals on a 2-core machine: `workers: 2` >= 1.4x one worker; PostgreSQL 1 worker >= 0.8x SQLite 1 worker.
// Every server stays up for the whole run and they are measured in turn, round after round (medians reported),
// so load from elsewhere on the machine hits them alike.
// Usage: tsx bench/listing-scaling.ts [--images 12500] [--rounds 2] [--duration 10] [--connections 32] [--warmup 3]
import { deepStrictEqual } from 'node:assert';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { startServe, type RunningChild } from './child.js';
import { generateDataset, type DatasetSummary } from './dataset.js';
import { FIRST_PAGE, measure, memberHeaders, post, type Load, type Measured, type Target } from './listing-load.js';

const { values: options } = parseArgs({
  options: {
    images: { type: 'string', default: '12500' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
  },
});
const load: Load = { connections: Number(options.connections), duration: Number(options.duration), warmup: Number(options.warmup) };

interface Setup {
  key: 'sqlite1' | 'sqlite2' | 'postgresql1' | 'postgresql2' | 'replicas';
  label: string;
  database: BenchDatabase;
  /** One `serve` per entry, with this many workers. */
  servers: number[];
}

const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function report(summary: DatasetSummary, measured: Map<Setup['key'], Measured[]>, loadBefore: string, loadAfter: string): void {
  const mid = (key: Setup['key']) => {
    const runs = measured.get(key)!;
    return { label: runs[0]!.label, requestsPerSecond: median(runs.map((m) => m.requestsPerSecond)), meanMs: median(runs.map((m) => m.meanMs)), p50Ms: median(runs.map((m) => m.p50Ms)), p99Ms: median(runs.map((m) => m.p99Ms)) };
  };
  const row = (key: Setup['key']) => {
    const m = mid(key);
    const rounds = measured.get(key)!.map((run) => Math.round(run.requestsPerSecond)).join(', ');
    return `| ${m.label} | ${Math.round(m.requestsPerSecond)} (${rounds}) | ${m.meanMs.toFixed(1)} | ${Math.round(m.p50Ms)} | ${Math.round(m.p99Ms)} |`;
  };
  const ratio = (a: Setup['key'], b: Setup['key'], goal?: number) => {
    const value = mid(a).requestsPerSecond / mid(b).requestsPerSecond;
    return `**${value.toFixed(2)}×**${goal ? ` (goal ≥ ${goal}: ${value >= goal ? 'met' : 'missed'})` : ''}`;
  };
  console.log(`
Listing across engines and processes, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}
Data: ${summary.images} images (${summary.listedForMember} in the member's list), ${summary.tags} tags, ${summary.properties} properties, the same rows in both engines
Load: \`${FIRST_PAGE}\` with a member's token; autocannon, ${load.connections} connections (split evenly over the replicas), ${load.duration} s per run after ${load.warmup} s of warm-up, ${options.rounds} rounds in turn, medians (each round's req/s in brackets)
Load average: ${loadBefore} before, ${loadAfter} after

| setup | req/s | mean ms | p50 ms | p99 ms |
|---|---|---|---|---|
${row('sqlite1')}
${row('sqlite2')}
${row('postgresql1')}
${row('postgresql2')}
${row('replicas')}

- SQLite, workers: 2 / 1 worker: ${ratio('sqlite2', 'sqlite1', 1.4)}
- PostgreSQL, workers: 2 / 1 worker: ${ratio('postgresql2', 'postgresql1', 1.4)}
- PostgreSQL, two replicas / 1 worker: ${ratio('replicas', 'postgresql1')}
- PostgreSQL 1 worker / SQLite 1 worker: ${ratio('postgresql1', 'sqlite1', 0.8)}
`);
}

async function main() {
  const loadBefore = loadAverage();
  const databases: BenchDatabase[] = [];
  const children: RunningChild[] = [];
  try {
    const sqlite = await createBenchDatabase('sqlite', 'bench-scaling');
    databases.push(sqlite);
    const postgresql = await createBenchDatabase('postgresql', 'bench-scaling');
    databases.push(postgresql);
    const summary = await generateDataset(sqlite.config(), { images: Number(options.images), now: new Date('2026-12-01T00:00:00Z') });
    await generateDataset(postgresql.config(), { images: Number(options.images), now: new Date('2026-12-01T00:00:00Z') });

    const setups: Setup[] = [
      { key: 'sqlite1', label: 'SQLite, 1 worker', database: sqlite, servers: [1] },
      { key: 'sqlite2', label: 'SQLite, workers: 2', database: sqlite, servers: [2] },
      { key: 'postgresql1', label: 'PostgreSQL, 1 worker', database: postgresql, servers: [1] },
      { key: 'postgresql2', label: 'PostgreSQL, workers: 2', database: postgresql, servers: [2] },
      { key: 'replicas', label: 'PostgreSQL, two replicas (2 × serve, 1 worker each)', database: postgresql, servers: [1, 1] },
    ];
    const targets = new Map<Setup['key'], Target[]>();
    for (const setup of setups) {
      const headers = await memberHeaders(setup.database.config());
      const urls: string[] = [];
      for (const workers of setup.servers) {
        // The sweep stays out of the way; everything else is the default configuration.
        const child = await startServe({ ...setup.database.env, GLANCE_WORKERS: String(workers), GLANCE_TASK_SWEEP_INTERVAL: '86400' });
        children.push(child);
        urls.push(child.announced);
      }
      targets.set(setup.key, urls.map((url) => ({ label: setup.label, url, headers, body: JSON.stringify({ query: FIRST_PAGE }) })));
    }
    // Every server must answer the same page, or the comparison means nothing.
    const expected = await post(targets.get('sqlite1')![0]!);
    for (const target of [...targets.values()].flat()) deepStrictEqual(await post(target), expected, `${target.label} answers another first page`);

    const measured = new Map<Setup['key'], Measured[]>(setups.map((setup) => [setup.key, []]));
    for (let round = 0; round < Number(options.rounds); round += 1) {
      for (const setup of setups) {
        const result = await measure(targets.get(setup.key)!, load);
        console.log(`  round ${round + 1}: ${setup.label}: ${Math.round(result.requestsPerSecond)} req/s (load average ${loadAverage()})`);
        measured.get(setup.key)!.push(result);
      }
    }
    report(summary, measured, loadBefore, loadAverage());
  } finally {
    for (const child of children) await child.stop();
    for (const database of databases) await database.drop();
  }
}

await main();
