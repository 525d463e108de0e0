// The functions with the most self time in a V8 CPU profile (`node --cpu-prof`, or `bench/listing.ts --profile DIR`),
// as a Markdown table: share of the sampled time, milliseconds, function, and where it is (package or our file);
// then the self time summed by package (our own files as `src`, Node's as `node`, V8's entries as they are).
// Usage: tsx bench/profile-top.ts <file.cpuprofile> [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
if (positionals.length !== 1) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top 25]');
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;

/** `node_modules/graphql/execution/execute.js:120` as `graphql execution/execute.js:120`; our files from src/. */
function place({ url, lineNumber }: ProfileNode['callFrame']): string {
  if (!url) return '';
  const path = decodeURIComponent(url.replace(/^file:\/\//, ''));
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  const where = inPackage ? `${inPackage[1]} ${inPackage[2]}` : path.replace(/^.*?\/(src|bench)\//, '$1/');
  return `${where}:${lineNumber + 1}`;
}

/** The package a frame's code belongs to: `graphql`, `@mikro-orm/core`, `src`, `node`, or V8's `(idle)` and such. */
function packageOf({ url, functionName }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'node';
  if (url.startsWith('node:')) return 'node';
  return /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? (/\/(src|bench)\//.exec(url)?.[1] ?? 'other');
}

const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
const selfMicros = new Map<string, number>();
const packageMicros = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const frame = frames.get(id)!;
  const key = `${frame.functionName || '(anonymous)'}\t${place(frame)}`;
  const micros = profile.timeDeltas[index] ?? 0;
  selfMicros.set(key, (selfMicros.get(key) ?? 0) + micros);
  packageMicros.set(packageOf(frame), (packageMicros.get(packageOf(frame)) ?? 0) + micros);
  total += micros;
});

const rows = [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`${(total / 1e6).toFixed(1)} s sampled\n\n| self % | self ms | function | where |\n|---|---|---|---|`);
for (const [key, micros] of rows) {
  const [name, where] = key.split('\t');
  console.log(`| ${((micros / total) * 100).toFixed(1)} | ${Math.round(micros / 1000)} | \`${name}\` | ${where} |`);
}

console.log('\n| self % | self ms | package |\n|---|---|---|');
for (const [name, micros] of [...packageMicros].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`| ${((micros / total) * 100).toFixed(1)} | ${Math.round(micros / 1000)} | ${name} |`);
}
