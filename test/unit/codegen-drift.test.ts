// The committed codegen output must be what `npm run codegen` produces from the SDL and test documents now.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('generated code', () => {
  it('is up to date with schema/ and test/operations/ (run `npm run codegen`)', async () => {
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      const config = parse(readFileSync(resolve(ROOT, 'codegen.yml'), 'utf8'));
      const outputs = await generate({ ...config, cwd: ROOT, silent: true }, false);
      expect(outputs.length).toBeGreaterThan(1);
      for (const { filename, content } of outputs) {
        expect(readFileSync(resolve(ROOT, filename), 'utf8'), `${filename} is stale: run npm run codegen`).toBe(content);
      }
    } finally {
      process.chdir(previous);
    }
  }, 60_000);
});
