// The layers import only downwards: cli -> http -> graphql -> domain -> (policy, persistence, store) -> config, and no
// file reaches itself through its imports (type-only imports count: a type loop is a design loop).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Which top-level folders each folder may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  cli: ['http', 'graphql', 'domain', 'policy', 'persistence', 'store', 'config'],
  http: ['graphql', 'domain', 'policy', 'persistence', 'store', 'config'],
  graphql: ['domain', 'policy', 'persistence', 'store', 'config'],
  domain: ['policy', 'persistence', 'store', 'config'],
  policy: ['config'],
  persistence: ['config'],
  store: ['config'],
  config: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The files under src that `file` imports or re-exports from, type-only imports included. */
function importsOf(file: string): string[] {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from|import) '(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
}

/** Each import cycle once, as the chain of files that closes it. */
function importCycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file).filter((to) => to !== file)]));
  const done = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string, path: string[]) => {
    const seenAt = path.indexOf(file);
    if (seenAt >= 0) return void cycles.push([...path.slice(seenAt), file]);
    if (done.has(file)) return;
    for (const to of graph.get(file) ?? []) visit(to, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return cycles;
}

function layerOf(file: string): string | null {
  const [first, ...rest] = relative(SRC, file).split('/');
  return rest.length === 0 ? null : first!;
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('every folder under src is a known layer', () => {
    const layers = new Set(files.map(layerOf).filter((layer) => layer !== null));
    expect([...layers].filter((layer) => !(layer in ALLOWED))).toEqual([]);
  });

  it('imports point only downwards', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (from === null) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const to = layerOf(resolve(dirname(file), match[1]!));
        if (to !== null && to !== from && !ALLOWED[from]?.includes(to)) violations.push(`${relative(SRC, file)} imports ${match[1]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the domain knows nothing of GraphQL or HTTP libraries', () => {
    const offenders = files
      .filter((file) => ['domain', 'policy', 'persistence', 'store', 'config'].includes(layerOf(file) ?? ''))
      .filter((file) => /from '(graphql|@apollo\/[^']+|fastify|@graphql-tools\/[^']+)'/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('no file imports itself through a chain of imports', () => {
    const cycles = importCycles(files).map((cycle) => cycle.map((file) => relative(SRC, file)).join(' -> '));
    expect(cycles).toEqual([]);
  });
});
