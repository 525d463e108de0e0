// Two (or more) checkouts' servers side by side: each started on one data set, loaded in turn round after round with
// the listing benchmark's query and client, so that load from elsewhere on this shared machine falls on all alike.
// Reports, per request, the server's CPU on its main thread (JavaScript) and on its other threads (garbage
// collection, compilation, sqlite3's statements), and on PostgreSQL the backends' CPU, with medians over the rounds.
// Usage: git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/node_modules
//        tsx bench/compare-servers.ts --checkouts /tmp/before,. [--engine sqlite] [--rounds 5] [--duration 5]
// or one checkout under different node options (`|` between the servers' option lists, ` ` within one; they come
// after npm start's own, START_NODE_OPTIONS, and override them):
//        tsx bench/compare-servers.ts --checkouts .,. --node-args '--max-semi-space-size=16|'
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchDatabase, type BenchEngine } from './bench-database.js';
import { processStat, startServe, threadCpuMs, type RunningChild } from './child.js';
import { generateDataset } from './dataset.js';
import { FIRST_PAGE, measure, memberHeaders } from './listing-load.js';

const { values: options } = parseArgs({
  options: {
    checkouts: { type: 'string' },
    'node-args': { type: 'string', default: '' },
    engine: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    images: { type: 'string', default: '12500' },
  },
});
if (!options.checkouts) throw new Error('usage: compare-servers.ts --checkouts DIR,DIR [--engine sqlite|postgresql] [--rounds 5] [--duration 5]');
const checkouts = options.checkouts.split(',').map((dir) => resolve(dir));
const nodeArgs = checkouts.map((_checkout, index) => options['node-args'].split('|')[index]?.split(' ').filter(Boolean) ?? []);
const labels = checkouts.map((checkout, index) => [checkout, ...nodeArgs[index]!].join(' '));

/** CPU milliseconds used so far by every PostgreSQL process on the machine. */
function postgresqlCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = processStat(pid);
    if (stat?.command.startsWith('postgres')) total += stat.cpuMs;
  }
  return total;
}

interface Sample {
  requestsPerSecond: number;
  main: number;
  others: number;
  postgresql: number;
}

async function sample(server: RunningChild, headers: Record<string, string>): Promise<Sample> {
  const target = { label: server.announced, url: server.announced, headers, body: JSON.stringify({ query: FIRST_PAGE }) };
  const duration = Number(options.duration);
  await measure([target], { connections: 32, duration: 1, warmup: 1 });
  const pid = server.process.pid!;
  const [before, postgresqlBefore] = [threadCpuMs(pid), postgresqlCpuMs()];
  const result = await measure([target], { connections: 32, duration, warmup: 0 });
  const [after, postgresqlAfter] = [threadCpuMs(pid), postgresqlCpuMs()];
  const requests = result.requestsPerSecond * duration;
  return {
    requestsPerSecond: result.requestsPerSecond,
    main: (after.main - before.main) / requests,
    others: (after.others - before.others) / requests,
    postgresql: (postgresqlAfter - postgresqlBefore) / requests,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const database = await createBenchDatabase(options.engine as BenchEngine, 'bench-compare');
const servers: RunningChild[] = [];
try {
  await generateDataset(database.config(), { images: Number(options.images), now: new Date('2026-12-01T00:00:00Z') });
  for (const [index, checkout] of checkouts.entries()) {
    servers.push(await startServe({ ...database.env, GLANCE_TASK_SWEEP_INTERVAL: '86400' }, nodeArgs[index], checkout));
  }
  const headers = await memberHeaders(database.config());
  const samples: Sample[][] = checkouts.map(() => []);
  for (let round = 0; round < Number(options.rounds); round += 1) {
    for (const [index, server] of servers.entries()) samples[index]!.push(await sample(server, headers));
  }
  console.log(`\n\`images(first: 50)\` on ${options.engine}, ${options.rounds} rounds of ${options.duration} s, medians (each round in brackets); CPU ms per request\n`);
  console.log('| checkout | req/s | main thread | other threads | PostgreSQL |\n|---|---|---|---|---|');
  const cell = (values: number[], digits: number) => `${median(values).toFixed(digits)} (${values.map((value) => value.toFixed(digits)).join(', ')})`;
  for (const [index, label] of labels.entries()) {
    const rows = samples[index]!;
    console.log(`| ${label} | ${cell(rows.map((row) => row.requestsPerSecond), 0)} | ${cell(rows.map((row) => row.main), 2)} | ${cell(rows.map((row) => row.others), 2)} | ${cell(rows.map((row) => row.postgresql), 2)} |`);
  }
} finally {
  for (const server of servers) await server.stop();
  await database.drop();
}
