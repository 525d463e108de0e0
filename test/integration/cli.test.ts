// The command line as README describes it: `serve` prints tokens that work, `token` signs with the same secret,
// a bad option stops the server with its name, `policy --sample` prints the defaults.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ViewerDocument } from '../generated/operations.js';
import { GraphQLClient } from '../helpers/client.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'glance-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, GLANCE_DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
  });
}

describe('glance-graphql command line', () => {
  it('serve applies migrations, listens, and prints an admin and a member token that work', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, GLANCE_DATA_DIR: dataDir, GLANCE_PORT: '0', GLANCE_LOG_LEVEL: 'warn' },
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await expect.poll(() => output, { timeout: 20_000, interval: 100 }).toMatch(/member \(project demo, role member\):\s+\S+/);
      const url = /serving (http:\/\/\S+)\/graphql/.exec(output)![1]!;
      const adminToken = /admin\s+\(project admin, role admin\):\s+(\S+)/.exec(output)![1]!;
      const memberToken = /member \(project demo, role member\):\s+(\S+)/.exec(output)![1]!;
      expect((await new GraphQLClient(url, adminToken).data(ViewerDocument)).viewer).toMatchObject({ userId: 'admin', isAdmin: true });
      expect((await new GraphQLClient(url, memberToken).data(ViewerDocument)).viewer).toMatchObject({ userId: 'demo', projectId: 'demo', isAdmin: false });

      const signed = cli(['token', '--user', 'u1', '--project', 'p1', '--roles', 'reader']);
      expect(signed.status).toBe(0);
      expect((await new GraphQLClient(url, signed.stdout.trim()).data(ViewerDocument)).viewer).toMatchObject({ userId: 'u1', roles: ['reader'] });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('stops with a message naming the bad option', () => {
    const result = cli(['serve'], { GLANCE_IMAGE_TAG_QUOTA: 'many' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/image_tag_quota \(from GLANCE_IMAGE_TAG_QUOTA\)/);
  });

  it('policy --sample prints every default as a commented YAML file', () => {
    const result = cli(['policy', '--sample']);
    expect(result.status).toBe(0);
    expect(parse(result.stdout)).toBeNull();
    expect(result.stdout).toMatch(/^#\s*"delete_deactivated_image": ""$/m);
  });

  it('answers an unknown command with usage', () => {
    const result = cli(['frobnicate']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unknown command "frobnicate"[\s\S]*usage:/);
  });
});
