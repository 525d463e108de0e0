// Listing benchmark: requests/s and p99 latency of a member's `images(first: 50)` with tags and properties,
// against a floor measured in the same run (bare node:http + sqlite3 returning the same rows as JSON, see
// listing-floor.ts), and a page deep in the list (after 9,900 rows) against the first page.
// Both servers run as their own processes (`node --import tsx src/main.ts serve` is what `npm start` runs), so
// autocannon, which runs here, never shares their event loop.
// Usage: tsx bench/listing.ts [--images 12500] [--duration 10] [--connections 32] [--warmup 3] [--depth 9900]
import { deepStrictEqual } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { sqlitePath } from '../src/persistence/index.js';
import { startChild, startServe, type RunningChild } from './child.js';
import { generateDataset, MEMBER_PROJECT } from './dataset.js';
import { FIRST_PAGE, measure as measureAll, memberHeaders, PAGE, post, type Load, type Measured, type Target } from './listing-load.js';

const PAGE_AFTER = `query PageAfter($after: String) { images(first: 50, after: $after) { ${PAGE} } }`;
const SKIP = 'query Skip($first: Int, $after: String) { images(first: $first, after: $after) { pageInfo { endCursor } } }';

const { values: options } = parseArgs({
  options: {
    // 12,500 generated images put exactly 10,000 in the member's list (see dataset.ts).
    images: { type: 'string', default: '12500' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
    depth: { type: 'string', default: '9900' },
  },
});
const images = Number(options.images);
const depth = Number(options.depth);
const connections = Number(options.connections);
const load: Load = { connections, duration: Number(options.duration), warmup: Number(options.warmup) };

/** The cursor after `rows` rows of the default list, reached by paging as a client would. */
async function cursorAfter(graphql: Omit<Target, 'body'>, rows: number): Promise<string> {
  let after: string | null = null;
  for (let skipped = 0; skipped < rows; ) {
    const first = Math.min(1000, rows - skipped);
    const body = (await post({ ...graphql, body: JSON.stringify({ query: SKIP, variables: { first, after } }) })) as {
      data: { images: { pageInfo: { endCursor: string | null } } };
    };
    after = body.data.images.pageInfo.endCursor;
    if (!after) throw new Error(`the list ended before ${rows} rows`);
    skipped += first;
  }
  return after!;
}

const measure = (target: Target) => measureAll([target], load);

function report(floor: Measured, first: Measured, deep: Measured, summary: Awaited<ReturnType<typeof generateDataset>>, loadBefore: string) {
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const row = (m: Measured) => `| ${m.label} | ${Math.round(m.requestsPerSecond)} | ${m.meanMs.toFixed(1)} | ${m.p50Ms} | ${m.p99Ms} |`;
  console.log(`
Listing benchmark, ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}
Data: ${summary.images} images (${summary.listedForMember} in the member's list), ${summary.tags} tags, ${summary.properties} properties
Load: autocannon, ${connections} connections, ${options.duration} s per run after ${options.warmup} s of warm-up (load average before: ${loadBefore})

| target | req/s | mean ms | p50 ms | p99 ms |
|---|---|---|---|---|
${row(floor)}
${row(first)}
${row(deep)}

ours / floor: req/s ${ratio(first.requestsPerSecond, floor.requestsPerSecond)}, p99 ${ratio(first.p99Ms, floor.p99Ms)}
deep page / first page: mean latency ${ratio(deep.meanMs, first.meanMs)}, p99 ${ratio(deep.p99Ms, first.p99Ms)}, req/s ${ratio(deep.requestsPerSecond, first.requestsPerSecond)}
`);
}

async function main() {
  // Other work on the machine skews the figures; the report says how busy it was.
  const loadBefore = loadavg().map((load) => load.toFixed(2)).join(' ');
  const dataDir = mkdtempSync(join(tmpdir(), 'glance-bench-listing-'));
  const children: RunningChild[] = [];
  try {
    const summary = await generateDataset(dataDir, { images });
    if (summary.listedForMember < depth + 50) throw new Error(`--images ${images} lists only ${summary.listedForMember} rows; --depth ${depth} needs ${depth + 50}`);
    const config = loadConfig({ env: {}, overrides: { data_dir: dataDir } });

    const floorServer = await startChild('bench/listing-floor.ts', [sqlitePath(config), MEMBER_PROJECT], /listening (\d+)/);
    children.push(floorServer);
    const ourServer = await startServe({ GLANCE_DATA_DIR: dataDir });
    children.push(ourServer);

    const json = { 'content-type': 'application/json' };
    const graphql = { label: '', url: ourServer.announced, headers: await memberHeaders(config) };
    const floor: Target = { label: 'floor: node:http + sqlite3, same 50 rows', url: `http://127.0.0.1:${floorServer.announced}/`, headers: json, body: JSON.stringify({ query: FIRST_PAGE }) };
    const first: Target = { ...graphql, label: 'ours: images(first: 50), first page', body: JSON.stringify({ query: FIRST_PAGE }) };
    const after = await cursorAfter(graphql, depth);
    const deep: Target = { ...graphql, label: `ours: images(first: 50) after ${depth} rows`, body: JSON.stringify({ query: PAGE_AFTER, variables: { after } }) };

    // The floor must answer what we answer, or the ratio means nothing.
    deepStrictEqual(await post(floor), await post(first), 'the floor and our server return different first pages');
    const deepPage = (await post(deep)) as { data: { images: { edges: unknown[] } } };
    if (deepPage.data.images.edges.length !== 50) throw new Error(`the deep page has ${deepPage.data.images.edges.length} rows, not 50`);

    report(await measure(floor), await measure(first), await measure(deep), summary, loadBefore);
  } finally {
    for (const child of children) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
