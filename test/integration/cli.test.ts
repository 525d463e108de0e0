// The command line as README describes it: `serve` prints tokens that work, `token` signs with the data dir's
// secret and always sets an expiry, a bad option or policy file stops the server with its name and no stack
// trace, `policy --sample` prints the defaults.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/cli/commands.js';
import { loadConfig } from '../../src/config/index.js';
import { startServer } from '../../src/http/start.js';
import { ViewerDocument } from '../generated/operations.js';
import { runCli, SPAWN_TEST_TIMEOUT, spawnServe } from '../helpers/cli.js';
import { GraphQLClient } from '../helpers/client.js';
import { useTestDatabase } from '../helpers/database.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { ...database.env, GLANCE_DATA_DIR: dataDir, ...env });
/** A line of a JavaScript stack trace, which an operator's mistake must not produce. */
const STACK_LINE = /^\s+at /m;

describe('glance-graphql command line', { timeout: SPAWN_TEST_TIMEOUT }, () => {
  it('serve applies migrations, listens, prints an admin and a member token that work, and stops cleanly on SIGTERM', async () => {
    const serve = spawnServe({ ...database.env, GLANCE_DATA_DIR: dataDir, GLANCE_LOG_LEVEL: 'warn' });
    try {
      const { url, adminToken, memberToken } = await serve.ready;
      expect((await new GraphQLClient(url, adminToken).data(ViewerDocument)).viewer).toMatchObject({ userId: 'admin', isAdmin: true });
      expect((await new GraphQLClient(url, memberToken).data(ViewerDocument)).viewer).toMatchObject({ userId: 'demo', projectId: 'demo', isAdmin: false });
      expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await serve.stop();
    }
  });

  it('token prints a token that expires (12h unless --expires says otherwise) and that a server on the same data dir accepts', async () => {
    const signed = cli(['token', '--user', 'u1', '--project', 'p1', '--roles', 'reader']);
    expect(signed.stderr).toBe('');
    expect(signed.status).toBe(0);
    const token = signed.stdout.trim();
    const { iat, exp } = decodeJwt(token);
    expect(exp! - iat!).toBe(12 * 3600);

    const server = await startServer(loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url, port: 0, log_level: 'silent' } }));
    try {
      expect((await new GraphQLClient(server.url, token).data(ViewerDocument)).viewer).toMatchObject({ userId: 'u1', projectId: 'p1', roles: ['reader'] });
    } finally {
      await server.close();
    }
  });

  it('token refuses an --expires it cannot read instead of printing a token', () => {
    const result = cli(['token', '--user', 'u1', '--roles', 'reader', '--expires', 'forever']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--expires "forever" is not a duration such as 12h, 30d or 90m\nusage:/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('token refuses an --expires the server would refuse (over a year, or not in the future) and accepts 366d', () => {
    for (const [expires, reason] of [['367d', 'a token may live at most 366 days'], ['0s', 'a token must expire after it is issued']]) {
      const result = cli(['token', '--user', 'u1', '--roles', 'reader', '--expires', expires!]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^--expires "${expires}" is refused: ${reason}`));
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
    const longest = cli(['token', '--user', 'u1', '--roles', 'reader', '--expires', '366d']);
    expect(longest.status).toBe(0);
    const { iat, exp } = decodeJwt(longest.stdout.trim());
    expect(exp! - iat!).toBe(366 * 24 * 3600);
  }, 60_000);

  it('stops with a message naming each bad option, and no stack trace', () => {
    const result = cli(['serve'], { GLANCE_IMAGE_TAG_QUOTA: 'many', GLANCE_DATABASE_URL: 'mysql://glance@db/glance', GLANCE_WORKERS: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/image_tag_quota \(from GLANCE_IMAGE_TAG_QUOTA\)/);
    expect(result.stderr).toMatch(/database_url \(from GLANCE_DATABASE_URL\): must be sqlite:PATH or postgresql:\/\/USER\[:PASS\]@HOST\[:PORT\]\/DB/);
    expect(result.stderr).toMatch(/workers \(from GLANCE_WORKERS\): must be a whole number from 1 to 64, or auto/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('stops with one line naming the PostgreSQL server it cannot reach', () => {
    const result = cli(['serve'], { GLANCE_DATABASE_URL: 'postgresql://glance@127.0.0.1:1/glance', GLANCE_LOG_LEVEL: 'silent' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('cannot reach the database "glance" on PostgreSQL at 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n');
  });

  it('stops with a message naming a policy file it cannot read, and no stack trace', () => {
    const file = join(dataDir, 'missing-policy.yaml');
    const result = cli(['serve'], { GLANCE_POLICY_FILE: file, GLANCE_LOG_LEVEL: 'silent' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`invalid policy file "${file}": cannot read the file`);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('policy --sample prints every default as a commented YAML file', () => {
    const result = cli(['policy', '--sample']);
    expect(result.status).toBe(0);
    expect(parse(result.stdout)).toBeNull();
    expect(result.stdout).toMatch(/^#\s*"delete_deactivated_image": ""$/m);
  });

  it('answers an unknown command or a bad option value with usage', () => {
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"[\s\S]*usage:/);
    const missingValue = cli(['token', '--user']);
    expect(missingValue.status).toBe(1);
    expect(missingValue.stderr).toMatch(/--user[\s\S]*usage:/);
    expect(missingValue.stderr).not.toMatch(STACK_LINE);
  });

  it('--help lists every command, and a command’s --help its options', () => {
    const overview = cli(['--help']);
    expect(overview.status).toBe(0);
    for (const command of COMMANDS) expect(overview.stdout).toMatch(new RegExp(`^  ${command.name} `, 'm'));
    const purge = cli(['db:purge', '--help']);
    expect(purge.status).toBe(0);
    expect(purge.stdout).toMatch(/^usage: glance-graphql db:purge --older-than AGE \[--dry-run\]\n/);
    expect(purge.stdout).toMatch(/^  --dry-run +count what would be removed/m);
  });

  it('refuses an unknown option or role, listing the valid ones', () => {
    const option = cli(['tasks:purge-deleted', '--older', '30d']);
    expect(option.status).toBe(1);
    expect(option.stderr).toMatch(/^unknown option --older for tasks:purge-deleted; its options are --older-than AGE, --dry-run, --config PATH, --help\n/);
    const role = cli(['token', '--user', 'u1', '--roles', 'amdin']);
    expect(role.status).toBe(1);
    expect(role.stdout).toBe('');
    expect(role.stderr).toMatch(/^unknown role "amdin"; the valid roles are admin, member, reader\n/);
    expect(role.stderr).not.toMatch(STACK_LINE);
  });
});
