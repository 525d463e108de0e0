// Read-path benchmark (issue 14): requests/s and latency of a member's reads against a floor measured in the same run
// (bare node:http + sqlite3 returning the same rows as the same JSON, see listing-floor.ts):
// - list: `images(first: 50)` with tags and properties, its floor, and a page deep in the list (after 9,900 rows);
// - image: `image(id:)` with the fields of Glance's image JSON, and its floor;
// - linear: `images(first: 200)` against `images(first: 50)`, the cost per row of each.
// Both servers run as their own processes (`node --import tsx src/main.ts serve` is what `npm start` runs), so
// autocannon, which runs here, never shares their event loop. Targets are measured in turn, `--rounds` times.
// Usage: tsx bench/listing.ts [--images 12500] [--duration 10] [--connections 32] [--warmup 3] [--depth 9900]
//        [--rounds 1] [--goals list,image,linear] [--engine sqlite|postgresql] [--profile DIR (our server writes a
//        .cpuprofile there)]. On PostgreSQL the data set goes into a database of its own (bench/bench-database.ts)
//        and the floor reads it with pg.
import { deepStrictEqual } from 'node:assert';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sqlitePath } from '../src/persistence/index.js';
import { createBenchDatabase, type BenchEngine } from './bench-database.js';
import { processStat, startChild, startServe, type RunningChild } from './child.js';
import { generateDataset, MEMBER_PROJECT } from './dataset.js';
import { FIRST_PAGE, memberHeaders, PAGE, post } from './listing-load.js';

const LONG_PAGE = `query LongPage { images(first: 200) { ${PAGE} } }`;
const PAGE_AFTER = `query PageAfter($after: String) { images(first: 50, after: $after) { ${PAGE} } }`;
const SKIP = 'query Skip($first: Int, $after: String) { images(first: $first, after: $after) { pageInfo { endCursor } } }';
/** The fields of Glance's image JSON (GET /v2/images/{id}), in its order as far as GraphQL names them. */
const IMAGE_FIELDS = `id name status visibility protected osHidden owner diskFormat containerFormat size virtualSize minDisk minRam
  checksum osHashAlgo osHashValue tags properties { key value } createdAt updatedAt`;
const ONE_IMAGE = `query OneImage($id: ID!) { image(id: $id) { ${IMAGE_FIELDS} } }`;
const GOALS = ['list', 'image', 'linear'] as const;
type Goal = (typeof GOALS)[number];

const { values: options } = parseArgs({
  options: {
    // 12,500 generated images put exactly 10,000 in the member's list (see dataset.ts).
    images: { type: 'string', default: '12500' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
    depth: { type: 'string', default: '9900' },
    rounds: { type: 'string', default: '1' },
    goals: { type: 'string', default: GOALS.join(',') },
    profile: { type: 'string' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const images = Number(options.images);
const depth = Number(options.depth);
const connections = Number(options.connections);
const rounds = Number(options.rounds);
const engine = options.engine as BenchEngine;
if (engine !== 'sqlite' && engine !== 'postgresql') throw new Error(`--engine ${engine}: sqlite or postgresql`);
/** The driver MikroORM uses on the engine, and the floor with it. */
const driver = engine === 'sqlite' ? 'sqlite3' : 'pg';
const goals = options.goals.split(',').map((goal) => goal.trim()) as Goal[];
const unknownGoal = goals.find((goal) => !GOALS.includes(goal));
if (unknownGoal) throw new Error(`unknown goal ${unknownGoal}; known: ${GOALS.join(', ')}`);

interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The process answering, whose CPU time is counted. */
  pid: number;
}

interface Measured {
  requestsPerSecond: number;
  /** The server process's CPU time (all its threads) per answered request: steadier than req/s on a busy machine. */
  cpuMsPerRequest: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** The cursor after `rows` rows of the default list, reached by paging as a client would. */
async function cursorAfter(graphql: Omit<Target, 'body' | 'label' | 'pid'>, rows: number): Promise<string> {
  let after: string | null = null;
  for (let skipped = 0; skipped < rows; ) {
    const first = Math.min(1000, rows - skipped);
    const body = (await post({ ...graphql, label: 'skip', body: JSON.stringify({ query: SKIP, variables: { first, after } }) })) as {
      data: { images: { pageInfo: { endCursor: string | null } } };
    };
    after = body.data.images.pageInfo.endCursor;
    if (!after) throw new Error(`the list ended before ${rows} rows`);
    skipped += first;
  }
  return after!;
}

/** The first-page image with the most tags and properties: the single-image read with the most rows behind it. */
function richestImage(page: { data: { images: { edges: { node: { id: string; tags: unknown[]; properties: unknown[] } }[] } } }): string {
  const weight = ({ node }: (typeof page.data.images.edges)[number]) => node.tags.length + node.properties.length;
  return page.data.images.edges.reduce((best, edge) => (weight(edge) > weight(best) ? edge : best)).node.id;
}

async function measure(target: Target): Promise<Measured> {
  const load = { url: target.url, method: 'POST' as const, headers: target.headers, body: target.body, connections };
  await autocannon({ ...load, duration: Number(options.warmup) });
  const cpuBefore = processStat(target.pid)!.cpuMs;
  const result = await autocannon({ ...load, duration: Number(options.duration) });
  const cpuMsPerRequest = (processStat(target.pid)!.cpuMs - cpuBefore) / result.requests.total;
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
  }
  return { requestsPerSecond: result.requests.average, cpuMsPerRequest, meanMs: result.latency.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The comparisons each goal makes, from one round's figures by target label. */
function comparisons(goal: Goal, of: (label: string) => Measured): [string, number][] {
  switch (goal) {
    case 'list':
      return [
        ['list: ours / floor req/s (goal >= 0.5)', of('ours50').requestsPerSecond / of('floor50').requestsPerSecond],
        ['list: floor / ours CPU per request', of('floor50').cpuMsPerRequest / of('ours50').cpuMsPerRequest],
        ['list: ours / floor p99 (goal <= 2)', of('ours50').p99Ms / of('floor50').p99Ms],
        ['list: deep page / first page mean latency', of('deep').meanMs / of('ours50').meanMs],
      ];
    case 'image':
      return [
        ['image: ours / floor req/s (goal >= 0.5)', of('oursImage').requestsPerSecond / of('floorImage').requestsPerSecond],
        ['image: floor / ours CPU per request', of('floorImage').cpuMsPerRequest / of('oursImage').cpuMsPerRequest],
        ['image: ours / floor p99', of('oursImage').p99Ms / of('floorImage').p99Ms],
      ];
    case 'linear':
      // A request's cost is the server time it takes: 1 / req/s with every connection busy.
      return [
        ['linear: cost per row, first: 200 / first: 50 (goal <= 1.2)', of('ours50').requestsPerSecond / of('ours200').requestsPerSecond / 4],
        ['linear: CPU per row, first: 200 / first: 50', of('ours200').cpuMsPerRequest / of('ours50').cpuMsPerRequest / 4],
      ];
  }
}

async function main() {
  // Other work on the machine skews the figures; the report says how busy it was.
  const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
  const loadBefore = load();
  const database = await createBenchDatabase(engine, 'bench-listing');
  const children: RunningChild[] = [];
  try {
    const config = database.config();
    const summary = await generateDataset(config, { images });
    if (summary.listedForMember < depth + 50) throw new Error(`--images ${images} lists only ${summary.listedForMember} rows; --depth ${depth} needs ${depth + 50}`);

    const floorServer = await startChild('bench/listing-floor.ts', [database.url ?? sqlitePath(config), MEMBER_PROJECT], /listening (\d+)/);
    children.push(floorServer);
    const profile = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profile)}`] : [];
    const ourServer = await startServe(database.env, profile);
    children.push(ourServer);

    const json = { 'content-type': 'application/json' };
    const graphql = { url: ourServer.announced, pid: ourServer.process.pid!, headers: await memberHeaders(config) };
    const floorUrl = `http://127.0.0.1:${floorServer.announced}`;
    const ask = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
    const targets = new Map<string, Target>();
    const add = (key: string, target: Target) => targets.set(key, target);
    if (goals.includes('list') || goals.includes('linear')) {
      add('floor50', { label: `floor: node:http + ${driver}, same 50 rows`, url: `${floorUrl}/`, pid: floorServer.process.pid!, headers: json, body: ask(FIRST_PAGE) });
      add('ours50', { ...graphql, label: 'ours: images(first: 50), first page', body: ask(FIRST_PAGE) });
    }
    if (goals.includes('list')) {
      const after = await cursorAfter(graphql, depth);
      add('deep', { ...graphql, label: `ours: images(first: 50) after ${depth} rows`, body: ask(PAGE_AFTER, { after }) });
    }
    if (goals.includes('linear')) {
      // Shown for scale; only our own first: 200 enters the goal.
      add('floor200', { label: `floor: node:http + ${driver}, same 200 rows`, url: `${floorUrl}/?first=200`, pid: floorServer.process.pid!, headers: json, body: ask(LONG_PAGE) });
      add('ours200', { ...graphql, label: 'ours: images(first: 200), first page', body: ask(LONG_PAGE) });
    }
    if (goals.includes('image')) {
      const id = richestImage((await post({ ...graphql, label: 'first page', body: ask(FIRST_PAGE) })) as Parameters<typeof richestImage>[0]);
      add('floorImage', { label: `floor: node:http + ${driver}, same image`, url: `${floorUrl}/image/${id}`, pid: floorServer.process.pid!, headers: json, body: ask(ONE_IMAGE, { id }) });
      add('oursImage', { ...graphql, label: 'ours: image(id:), Glance\'s image fields', body: ask(ONE_IMAGE, { id }) });
    }

    // Each floor must answer what we answer, or the ratio means nothing.
    for (const [floorKey, oursKey] of [['floor50', 'ours50'], ['floor200', 'ours200'], ['floorImage', 'oursImage']] as const) {
      const floor = targets.get(floorKey);
      const ours = targets.get(oursKey);
      if (floor && ours) deepStrictEqual(await post(floor), await post(ours), `${floor.label} and ${ours.label} answer differently`);
    }
    if (targets.has('deep')) {
      const deepPage = (await post(targets.get('deep')!)) as { data: { images: { edges: unknown[] } } };
      if (deepPage.data.images.edges.length !== 50) throw new Error(`the deep page has ${deepPage.data.images.edges.length} rows, not 50`);
    }

    const figures = new Map<string, Measured[]>([...targets.keys()].map((key) => [key, []]));
    const compared = new Map<string, number[]>();
    for (let round = 1; round <= rounds; round += 1) {
      const thisRound = new Map<string, Measured>();
      for (const [key, target] of targets) {
        const measured = await measure(target);
        thisRound.set(key, measured);
        figures.get(key)!.push(measured);
      }
      const lines = goals.flatMap((goal) => comparisons(goal, (key) => thisRound.get(key)!));
      for (const [label, value] of lines) compared.set(label, [...(compared.get(label) ?? []), value]);
      console.log(`round ${round}: ${lines.map(([label, value]) => `${label.split(' (')[0]} ${value.toFixed(2)}`).join('; ')} (load average ${load()})`);
    }

    const row = (key: string) => {
      const of = (pick: (m: Measured) => number) => median(figures.get(key)!.map(pick));
      return `| ${targets.get(key)!.label} | ${Math.round(of((m) => m.requestsPerSecond))} | ${of((m) => m.cpuMsPerRequest).toFixed(2)} | ${of((m) => m.meanMs).toFixed(1)} | ${of((m) => m.p50Ms)} | ${of((m) => m.p99Ms)} |`;
    };
    console.log(`
Read-path benchmark on ${engine}, ${new Date().toISOString().slice(0, 16)}Z: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}
Data: ${summary.images} images (${summary.listedForMember} in the member's list), ${summary.tags} tags, ${summary.properties} properties
Load: autocannon, ${connections} connections, ${options.duration} s per target after ${options.warmup} s of warm-up, ${rounds} round(s), medians shown (load average before: ${loadBefore}, after: ${load()})

| target | req/s | server CPU ms per request | mean ms | p50 ms | p99 ms |
|---|---|---|---|---|---|
${[...targets.keys()].map(row).join('\n')}

${[...compared].map(([label, values]) => `${label}: ${median(values).toFixed(2)}${values.length > 1 ? ` (rounds: ${values.map((value) => value.toFixed(2)).join(', ')})` : ''}`).join('\n')}
`);
  } finally {
    for (const child of children) await child.stop();
    await database.drop();
  }
}

await main();
