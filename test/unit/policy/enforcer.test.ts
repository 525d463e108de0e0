import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyEnforcer } from '../../../src/policy/enforcer.js';
import type { Credentials } from '../../../src/policy/evaluator.js';
import { PolicyFileError } from '../../../src/policy/policy-file.js';
import { imageTarget } from '../../../src/policy/target.js';

const pMember: Credentials = { user_id: 'pm', project_id: 'P', roles: ['member', 'reader'], is_admin: false };
const admin: Credentials = { user_id: 'root', project_id: 'A', roles: ['admin'], is_admin: true };
const image = imageTarget({ id: 'i', owner: 'P', visibility: 'private', status: 'active', protected: false }, 'P');
const DEFAULT_DELETE = 'role:admin or (role:member and project_id:%(project_id)s)';

class RecordingLogger {
  readonly infos: string[] = [];
  readonly errors: string[] = [];
  info(msg: string) {
    this.infos.push(msg);
  }
  error(msg: string) {
    this.errors.push(msg);
  }
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'policy-enforcer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
let logger: RecordingLogger;
const open: PolicyEnforcer[] = [];

function policyFile(content: string, extension = 'yaml'): string {
  const path = join(dir, `policy-${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

async function start(path: string | null, watch = false): Promise<PolicyEnforcer> {
  const enforcer = await PolicyEnforcer.create({ policyFile: path, logger, watch });
  open.push(enforcer);
  return enforcer;
}

beforeEach(() => {
  logger = new RecordingLogger();
});
afterEach(() => {
  for (const enforcer of open.splice(0)) enforcer.close();
});

describe('PolicyEnforcer at start', () => {
  it('uses the code defaults without a file', async () => {
    const enforcer = await start(null);
    expect(enforcer.ruleText('delete_image')).toBe(DEFAULT_DELETE);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
    expect(enforcer.generation).toBe(0);
    expect(logger.infos).toEqual(['policy: no policy file, using the default rules']);
  });

  it('applies overrides from the file and keeps the other defaults', async () => {
    const enforcer = await start(policyFile('"delete_image": "rule:context_is_admin"\n'));
    expect(enforcer.ruleText('delete_image')).toBe('rule:context_is_admin');
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    expect(enforcer.enforce('delete_image', admin, image)).toBe(true);
    expect(enforcer.ruleText('modify_image')).toBe(DEFAULT_DELETE);
    expect(enforcer.enforce('modify_image', pMember, image)).toBe(true);
    expect(logger.infos[0]).toContain('(overriding: delete_image) loaded');
  });

  it('resolves rule references against the overridden rules', async () => {
    const enforcer = await start(
      policyFile('{"context_is_admin": "role:cloud_admin", "delete_image": "rule:context_is_admin"}', 'json'),
    );
    expect(enforcer.enforce('delete_image', admin, image)).toBe(false);
    expect(enforcer.enforce('delete_image', { ...admin, roles: ['Cloud_Admin'] }, image)).toBe(true);
  });

  it('refuses to start on an invalid or missing file', async () => {
    const bad = policyFile('"delete_image": "role:admin and"\n"nope": ""\n');
    await expect(start(bad)).rejects.toBeInstanceOf(PolicyFileError);
    await expect(start(bad)).rejects.toThrow(/policy "delete_image": unexpected end of rule.*unknown policy "nope"/);
    await expect(start(join(dir, 'absent.yaml'), true)).rejects.toThrow(/cannot read the file/);
  });
});

describe('PolicyEnforcer reloads', () => {
  it('reload() picks up changes, bumps the generation, and restores defaults for removed rules', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path);
    writeFileSync(path, '"delete_image": "!"\n"publicize_image": "role:member"\n');
    expect(await enforcer.reload()).toBe(true);
    expect(enforcer.generation).toBe(1);
    expect(enforcer.enforce('delete_image', admin, image)).toBe(false);
    expect(enforcer.enforce('publicize_image', pMember, image)).toBe(true);

    writeFileSync(path, '"publicize_image": "role:member"\n');
    expect(await enforcer.reload()).toBe(true);
    expect(enforcer.generation).toBe(2);
    expect(enforcer.ruleText('delete_image')).toBe(DEFAULT_DELETE);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
  });

  it('keeps the last good rules and logs the problems when the new file is bad', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path);
    writeFileSync(path, '"delete_image": "(role:member"\n"get_image": 7\n');
    expect(await enforcer.reload()).toBe(false);
    expect(enforcer.generation).toBe(0);
    expect(enforcer.ruleText('delete_image')).toBe('role:admin');
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toContain(`invalid policy file "${path}"`);
    expect(logger.errors[0]).toContain('policy "delete_image": unclosed "(" at position 0');
    expect(logger.errors[0]).toContain('policy "get_image": the check must be a string, not a number');
  });

  it('queues overlapping reloads, each one counting and the newest content winning', async () => {
    const path = policyFile('"delete_image": "role:a"\n');
    const enforcer = await start(path);
    const first = enforcer.reload();
    writeFileSync(path, '"delete_image": "role:b"\n');
    const second = enforcer.reload();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(enforcer.ruleText('delete_image')).toBe('role:b');
    expect(enforcer.generation).toBe(2);
  });
});

describe('PolicyEnforcer watching the file', () => {
  it('notices a rewrite, then a bad rewrite, then a fix', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);

    writeFileSync(path, '"delete_image": "role:member"\n');
    await waitFor(() => enforcer.ruleText('delete_image') === 'role:member', 'the rewrite to load');
    expect(enforcer.generation).toBeGreaterThan(0);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);

    writeFileSync(path, '"delete_image": "role:member or"\n');
    await waitFor(() => logger.errors.length > 0, 'the bad rewrite to be reported');
    expect(logger.errors[0]).toContain('policy "delete_image": unexpected end of rule');
    expect(enforcer.ruleText('delete_image')).toBe('role:member');
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);

    writeFileSync(path, '{}\n');
    await waitFor(() => enforcer.ruleText('delete_image') === DEFAULT_DELETE, 'the default to come back');
  });

  it('survives the file being deleted and recreated', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    unlinkSync(path);
    await waitFor(() => logger.errors.length > 0, 'the missing file to be reported');
    expect(logger.errors[0]).toMatch(/cannot read the file: ENOENT.*keeping the policy rules in effect/);
    expect(enforcer.ruleText('delete_image')).toBe('role:admin');

    writeFileSync(path, '"delete_image": "role:reader"\n');
    await waitFor(() => enforcer.ruleText('delete_image') === 'role:reader', 'the recreated file to load');
    expect(logger.infos.at(-1)).toContain('(overriding: delete_image) reloaded');
  });

  it('stops watching after close()', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    enforcer.close();
    writeFileSync(path, '"delete_image": "role:member"\n');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(enforcer.generation).toBe(0);
    expect(enforcer.ruleText('delete_image')).toBe('role:admin');
  });
});
