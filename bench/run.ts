// `npm run bench`: runs every benchmark, each in its own process: the listing benchmarks, then every
// bench/tasks-*.ts, bench/image-data-*.ts and bench/live-*.ts script found. Exits non-zero when any of them fails.
// Usage: npm run bench [-- --only listing[,tasks-foo]] [-- extra arguments passed to every script run]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, runToEnd } from './child.js';

const DISCOVERED = /^(tasks|image-data|live)-.+\.ts$/;

function benchmarks(): Map<string, string> {
  const scripts = new Map([['listing', 'bench/listing.ts'], ['listing-scaling', 'bench/listing-scaling.ts']]);
  for (const file of readdirSync(join(REPO_ROOT, 'bench')).filter((name) => DISCOVERED.test(name) && !name.endsWith('.d.ts')).sort()) {
    scripts.set(file.replace(/\.ts$/, ''), `bench/${file}`);
  }
  return scripts;
}

const { values, positionals } = parseArgs({ options: { only: { type: 'string', multiple: true } }, allowPositionals: true });
const all = benchmarks();
const only = values.only?.flatMap((names) => names.split(',')).map((name) => name.trim()).filter(Boolean);
const unknown = only?.filter((name) => !all.has(name)) ?? [];
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${[...all.keys()].join(', ')}`);
  process.exit(2);
}

const failed: string[] = [];
for (const [name, script] of all) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${name} (${script}) ===`);
  const code = await runToEnd(script, positionals);
  if (code !== 0) failed.push(`${name} (exit ${code})`);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
