import { mkdtempSync, rmSync, unlinkSync, unwatchFile, watchFile, writeFileSync, type Stats } from 'node:fs';
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

class RecordingLogger {
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  info(msg: string) {
    this.infos.push(msg);
  }
  warn(msg: string) {
    this.warnings.push(msg);
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

const reloads = () => logger.infos.filter((line) => line.endsWith(' reloaded'));
const withRoles = (...roles: string[]): Credentials => ({ ...pMember, roles });

describe('PolicyEnforcer at start', () => {
  it('resolves helper rules the file defines, as an old Glance policy file does', async () => {
    const file = policyFile('"owner_or_admin": "role:admin or project_id:%(project_id)s"\n"delete_image": "role:member and rule:owner_or_admin"\n');
    const enforcer = await start(file);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
    expect(enforcer.enforce('delete_image', { ...pMember, project_id: 'Q' }, image)).toBe(false);
    expect(enforcer.enforce('delete_image', { ...admin, roles: ['admin', 'member'] }, image)).toBe(true);
  });

  it('uses the code defaults without a file', async () => {
    const enforcer = await start(null);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
    expect(enforcer.enforce('delete_image', { ...pMember, project_id: 'Q' }, image)).toBe(false);
    expect(logger.infos).toEqual(['policy: no policy file, using the default rules']);
  });

  it('applies overrides from the file and keeps the other defaults', async () => {
    const enforcer = await start(policyFile('"delete_image": "rule:context_is_admin"\n'));
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    expect(enforcer.enforce('delete_image', admin, image)).toBe(true);
    expect(enforcer.enforce('modify_image', pMember, image)).toBe(true);
    expect(enforcer.enforce('modify_image', { ...pMember, project_id: 'Q' }, image)).toBe(false);
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
    await expect(start(join(dir, 'absent.yaml'), true)).rejects.toThrow(/cannot read the file: ENOENT/);
    await expect(start(policyFile(''))).rejects.toThrow(/sets no rules/);
  });

  it('starts on a file copied from Glance, warning about the policies it ignores, at start and on reload', async () => {
    const path = policyFile('"delete_image": "role:admin"\n"copy_image": "role:admin"\n"stores_info_detail": "role:admin"\n');
    const enforcer = await start(path);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    const warning = `policy file "${path}": ignoring copy_image, stores_info_detail (Glance policies for APIs this server does not have)`;
    expect(logger.warnings).toEqual([warning]);
    expect(await enforcer.reload()).toBe(true);
    expect(logger.warnings).toEqual([warning, warning]);
  });
});

describe('PolicyEnforcer reloads', () => {
  it('reload() picks up changes and restores defaults for removed rules', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path);
    writeFileSync(path, '"delete_image": "!"\n"publicize_image": "role:member"\n');
    expect(await enforcer.reload()).toBe(true);
    expect(enforcer.enforce('delete_image', admin, image)).toBe(false);
    expect(enforcer.enforce('publicize_image', pMember, image)).toBe(true);

    writeFileSync(path, '"publicize_image": "role:member"\n');
    expect(await enforcer.reload()).toBe(true);
    expect(enforcer.enforce('delete_image', admin, image)).toBe(true);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
    expect(reloads()).toEqual([
      `policy file "${path}" (overriding: delete_image, publicize_image) reloaded`,
      `policy file "${path}" (overriding: publicize_image) reloaded`,
    ]);
  });

  it('keeps the last good rules and logs the problems when the new file is bad', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path);
    writeFileSync(path, '"delete_image": "(role:member"\n"get_image": 7\n');
    expect(await enforcer.reload()).toBe(false);
    expect(reloads()).toEqual([]);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    expect(enforcer.enforce('delete_image', admin, image)).toBe(true);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toContain(`invalid policy file "${path}"`);
    expect(logger.errors[0]).toContain('policy "delete_image": unclosed "(" at position 0');
    expect(logger.errors[0]).toContain('policy "get_image": the check must be a string, not a number');
  });

  it('keeps the last good rules when the file becomes empty or only comments, and logs it; {} restores the defaults', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path);
    for (const content of ['', '# "delete_image": "role:admin"\n']) {
      writeFileSync(path, content);
      expect(await enforcer.reload()).toBe(false);
      expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    }
    expect(logger.errors).toHaveLength(2);
    expect(logger.errors[0]).toMatch(/sets no rules.*keeping the policy rules in effect/);
    writeFileSync(path, '{}\n');
    expect(await enforcer.reload()).toBe(true);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
  });

  it('queues overlapping reloads, each one counting and the newest content winning', async () => {
    const path = policyFile('"delete_image": "role:a"\n');
    const enforcer = await start(path);
    const first = enforcer.reload();
    writeFileSync(path, '"delete_image": "role:b"\n');
    const second = enforcer.reload();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(enforcer.enforce('delete_image', withRoles('b'), image)).toBe(true);
    expect(enforcer.enforce('delete_image', withRoles('a'), image)).toBe(false);
    expect(reloads()).toHaveLength(2);
  });
});

describe('PolicyEnforcer watching the file', () => {
  it('notices a rewrite, then a bad rewrite, then a fix', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);

    writeFileSync(path, '"delete_image": "role:member"\n');
    await waitFor(() => enforcer.enforce('delete_image', pMember, image), 'the rewrite to load');

    writeFileSync(path, '"delete_image": "role:reader or"\n');
    await waitFor(() => logger.errors.length > 0, 'the bad rewrite to be reported');
    expect(logger.errors[0]).toContain('policy "delete_image": unexpected end of rule');
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
    expect(enforcer.enforce('delete_image', withRoles('reader'), image)).toBe(false);

    writeFileSync(path, '{}\n');
    await waitFor(() => !enforcer.enforce('delete_image', { ...pMember, project_id: 'Q' }, image) && reloads().length === 2, 'the default to come back');
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(true);
  });

  it('waits for a save in progress to finish instead of applying the half-written file', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    // A second listener on the same poller runs right after the enforcer's, on the poll that sees the truncation.
    const truncationPolled = new Promise<void>((resolve) => {
      const listener = (current: Stats) => {
        if (current.size > 0) return;
        unwatchFile(path, listener);
        resolve();
      };
      watchFile(path, listener);
    });
    // An editor saving in place: it truncates the file, then takes a moment before writing the new content.
    writeFileSync(path, '');
    await truncationPolled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    writeFileSync(path, '"delete_image": "role:member"\n');

    await waitFor(() => enforcer.enforce('delete_image', pMember, image), 'the saved file to load');
    expect(reloads()).toEqual([`policy file "${path}" (overriding: delete_image) reloaded`]);
  });

  it('keeps the rules through a save that stalls after truncating the file longer than the settling wait', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    writeFileSync(path, '');
    await waitFor(() => logger.errors.length === 1, 'the empty file to be read and refused');
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);
    writeFileSync(path, '"delete_image": "role:member"\n');
    await waitFor(() => enforcer.enforce('delete_image', pMember, image), 'the saved file to load');
  });

  it('survives the file being deleted and recreated', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const enforcer = await start(path, true);
    unlinkSync(path);
    await waitFor(() => logger.errors.length > 0, 'the missing file to be reported');
    expect(logger.errors[0]).toMatch(/cannot read the file: ENOENT.*keeping the policy rules in effect/);
    expect(enforcer.enforce('delete_image', pMember, image)).toBe(false);

    writeFileSync(path, '"delete_image": "role:reader"\n');
    await waitFor(() => enforcer.enforce('delete_image', withRoles('reader'), image), 'the recreated file to load');
    expect(logger.infos.at(-1)).toContain('(overriding: delete_image) reloaded');
  });

  it('stops watching after close()', async () => {
    const path = policyFile('"delete_image": "role:admin"\n');
    const closed = await start(path, true);
    const stillWatching = await start(path, true);
    closed.close();
    writeFileSync(path, '"delete_image": "role:member"\n');
    // Both were told of changes by the same poller, the closed one first; the one still watching shows it came.
    await waitFor(() => stillWatching.enforce('delete_image', pMember, image), 'the enforcer still watching to load');
    expect(closed.enforce('delete_image', pMember, image)).toBe(false);
  });
});
