// Task benchmarks: (1) `tasks(first: 50)` on 1,000,000 rows of which 99% are soft-deleted, against the same query
// on 10,000 live rows (ratio of latency and req/s), for an admin and for one project; (2) soft-deleting 1,000,000
// expired tasks with `purgeExpiredTasks` (the sweeper's code) while clients keep querying `tasks`: how long the
// sweep takes and the p99 of those queries during it, against their p99 before it.
// Both run on SQLite and on PostgreSQL (one engine after the other; `--engine` picks one).
// The server runs as its own process (`src/main.ts serve`); the load comes from this one.
// Usage: tsx bench/tasks-soft-delete.ts [--engine sqlite,postgresql] [--rows 1000000] [--rounds 3] [--duration 5] [--connections 16] [--sweep-clients 4]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/index.js';
import { createIdentity } from '../src/domain/identity.js';
import { listTasks } from '../src/domain/tasks/task-list.js';
import { loadJwtSecret, signToken } from '../src/http/auth.js';
import { openDatabase } from '../src/persistence/index.js';
import { createBenchDatabase, type BenchDatabase, type BenchEngine } from './bench-database.js';
import { startServe } from './child.js';
import { writeTaskRows, type TaskRowsSpec } from './task-rows.js';

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    'sweep-clients': { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    engine: { type: 'string', default: 'sqlite,postgresql' },
  },
});
const engines = options.engine.split(',').map((name) => name.trim()) as BenchEngine[];
for (const engine of engines) if (engine !== 'sqlite' && engine !== 'postgresql') throw new Error(`--engine ${engine}: sqlite or postgresql`);
const rows = Number(options.rows);
// One row in a hundred is live and a member's project holds a tenth of those: a full page of 50 needs 50,000 rows.
const MIN_ROWS = 100 * 10 * 50;
if (!Number.isInteger(rows) || rows < MIN_ROWS) throw new Error(`--rows ${options.rows}: give at least ${MIN_ROWS}, so that one project's member has a full page of 50 live tasks`);
const LIST = JSON.stringify({ query: '{ tasks(first: 50) { edges { node { id status owner createdAt expiresAt } } pageInfo { hasNextPage } } }' });
const PURGE = JSON.stringify({ query: 'mutation { purgeExpiredTasks { softDeletedCount } }' });

interface Server {
  url: string;
  database: BenchDatabase;
  admin: Record<string, string>;
  member: Record<string, string>;
  stop(): Promise<void>;
}

interface Measured {
  requestsPerSecond: number;
  meanMs: number;
  p99Ms: number;
}

/** Writes the rows into a fresh database of `engine` and starts a server on it. */
async function startServerWith(engine: BenchEngine, spec: TaskRowsSpec): Promise<Server> {
  const database = await createBenchDatabase(engine, 'bench-tasks');
  const started = Date.now();
  const counts = await writeTaskRows(database.config(), spec);
  console.log(`  wrote ${spec.rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  const policyFile = join(database.dataDir, 'policy.yaml');
  writeFileSync(policyFile, 'tasks_api_access: "role:reader"\n');
  const secret = loadJwtSecret(database.config());
  const bearer = async (userId: string, projectId: string, roles: string[]) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${await signToken(secret, { userId, projectId, roles, expiresIn: '2h' })}`,
  });
  const child = await startServe({ ...database.env, GLANCE_POLICY_FILE: policyFile, GLANCE_TASK_SWEEP_INTERVAL: '86400' });
  return {
    url: child.announced,
    database,
    admin: await bearer('root', 'admin-project', ['admin']),
    member: await bearer('alice', MEMBER_PROJECT, ['member']),
    async stop() {
      await child.stop();
      await database.drop();
    },
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ data: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const json = (await response.json()) as { data: Record<string, unknown>; errors?: unknown };
  if (!response.ok || json.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function measure(url: string, headers: Record<string, string>): Promise<Measured> {
  const edges = ((await post(url, headers, LIST)).data.tasks as { edges: unknown[] }).edges.length;
  if (edges !== 50) throw new Error(`tasks(first: 50) returned ${edges} tasks`);
  const load = { url, method: 'POST' as const, headers, body: LIST, connections: Number(options.connections) };
  await autocannon({ ...load, duration: 2 });
  const result = await autocannon({ ...load, duration: Number(options.duration) });
  if (result.errors || result.timeouts || result.non2xx) throw new Error(`${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  return { requestsPerSecond: result.requests.average, meanMs: result.latency.average, p99Ms: result.latency.p99 };
}

/** `clients` loops each sending `tasks(first: 50)` one after another until `until` settles; their latencies. */
async function queryWhile(server: Server, clients: number, until: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  await Promise.all(Array.from({ length: clients }, async () => {
    while (!done) {
      const start = performance.now();
      await post(server.url, server.member, LIST);
      latencies.push(performance.now() - start);
    }
  }));
  return latencies;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
const ms = (value: number) => value.toFixed(1);

const MEMBER_PROJECT = 'project-3';
const median = (values: number[]) => percentile(values, 50);

/** Milliseconds per `listTasks(first: 50)` domain call (SQL and hydration, no HTTP), alternating the two tables. */
async function domainListMs(servers: Server[], scope: 'admin' | 'member', calls = 400): Promise<number[]> {
  const identity = scope === 'admin' ? createIdentity('root', 'admin-project', ['admin']) : createIdentity('alice', MEMBER_PROJECT, ['member']);
  const config = loadConfig({ env: {} });
  const dbs = await Promise.all(servers.map((server) => openDatabase(server.database.config(), { migrate: false })));
  try {
    const totals = dbs.map(() => 0);
    for (let i = 0; i < calls; i += 1) {
      for (const [index, db] of dbs.entries()) {
        const start = performance.now();
        const page = await listTasks(db.orm.em.fork(), identity, config, { first: 50 });
        totals[index]! += performance.now() - start;
        if (page.edges.length !== 50) throw new Error(`listTasks returned ${page.edges.length} tasks`);
      }
    }
    return totals.map((total) => total / calls);
  } finally {
    for (const db of dbs) await db.close();
  }
}

async function listing(engine: BenchEngine) {
  console.log(`\n(1, ${engine}) tasks(first: 50): ${rows} rows, 99% soft-deleted, against ${rows / 100} live rows`);
  const big = await startServerWith(engine, { rows, kindOf: "CASE WHEN n % 100 = 0 THEN 'live' ELSE 'deleted' END" });
  const small = await startServerWith(engine, { rows: rows / 100, kindOf: "'live'" });
  try {
    // Both servers stay up and are measured in turn, round after round, so load from elsewhere hits both alike.
    const runs = { bigAdmin: [] as Measured[], smallAdmin: [] as Measured[], bigMember: [] as Measured[], smallMember: [] as Measured[] };
    for (let round = 0; round < Number(options.rounds); round += 1) {
      runs.bigAdmin.push(await measure(big.url, big.admin));
      runs.smallAdmin.push(await measure(small.url, small.admin));
      runs.bigMember.push(await measure(big.url, big.member));
      runs.smallMember.push(await measure(small.url, small.member));
    }
    const [bigAdminMs, smallAdminMs] = await domainListMs([big, small], 'admin');
    const [bigMemberMs, smallMemberMs] = await domainListMs([big, small], 'member');
    const mid = (list: Measured[]) => ({
      requestsPerSecond: median(list.map((m) => m.requestsPerSecond)), meanMs: median(list.map((m) => m.meanMs)), p99Ms: median(list.map((m) => m.p99Ms)),
    });
    const row = (label: string, list: Measured[], domainMs: number) => {
      const m = mid(list);
      return `| ${label} | ${Math.round(m.requestsPerSecond)} | ${ms(m.meanMs)} | ${m.p99Ms} | ${domainMs.toFixed(2)} |`;
    };
    const ratio = (a: Measured[], b: Measured[]) => (mid(a).meanMs / mid(b).meanMs).toFixed(2);
    console.log(`
medians of ${options.rounds} rounds of ${options.duration} s, ${options.connections} connections; domain = listTasks() alone, ms per call

| table, caller | req/s | mean ms | p99 ms | domain ms |
|---|---|---|---|---|
${row(`${rows} rows (99% deleted), admin`, runs.bigAdmin, bigAdminMs!)}
${row(`${rows / 100} live rows, admin`, runs.smallAdmin, smallAdminMs!)}
${row(`${rows} rows (99% deleted), one project's member`, runs.bigMember, bigMemberMs!)}
${row(`${rows / 100} live rows, one project's member`, runs.smallMember, smallMemberMs!)}

99%-deleted / live-only over HTTP, mean latency: admin ${ratio(runs.bigAdmin, runs.smallAdmin)}, member ${ratio(runs.bigMember, runs.smallMember)}
99%-deleted / live-only, domain call: admin ${(bigAdminMs! / smallAdminMs!).toFixed(2)}, member ${(bigMemberMs! / smallMemberMs!).toFixed(2)}`);
  } finally {
    await big.stop();
    await small.stop();
  }
}

async function sweep(engine: BenchEngine) {
  console.log(`\n(2, ${engine}) sweeping ${rows} expired tasks (plus ${rows / 100} live ones) while ${options['sweep-clients']} clients query tasks(first: 50)`);
  const clients = Number(options['sweep-clients']);
  const server = await startServerWith(engine, { rows: rows + rows / 100, kindOf: "CASE WHEN n % 101 = 0 THEN 'live' ELSE 'expired' END" });
  try {
    const quiet = await queryWhile(server, clients, new Promise((resolve) => setTimeout(resolve, 5000)));
    const started = performance.now();
    const purge = post(server.url, server.admin, PURGE);
    const during = await queryWhile(server, clients, purge);
    const seconds = (performance.now() - started) / 1000;
    const { softDeletedCount } = (await purge).data.purgeExpiredTasks as { softDeletedCount: number };
    if (softDeletedCount !== rows) throw new Error(`the sweep soft-deleted ${softDeletedCount} tasks, not ${rows}`);
    console.log(`
sweep: ${softDeletedCount} tasks soft-deleted in ${seconds.toFixed(1)} s (${Math.round(softDeletedCount / seconds)} rows/s, batches of 2000)
tasks(first: 50) before the sweep: ${quiet.length} queries, p50 ${ms(percentile(quiet, 50))} ms, p99 ${ms(percentile(quiet, 99))} ms
tasks(first: 50) during the sweep: ${during.length} queries, p50 ${ms(percentile(during, 50))} ms, p99 ${ms(percentile(during, 99))} ms, max ${ms(Math.max(...during))} ms`);
  } finally {
    await server.stop();
  }
}

const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(`Task benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, load average ${loadAverage()}`);
for (const engine of engines) {
  await listing(engine);
  await sweep(engine);
  console.log(`\n(load average after ${engine}: ${loadAverage()})`);
}
