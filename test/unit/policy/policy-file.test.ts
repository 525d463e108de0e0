import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_NAMES } from '../../../src/policy/defaults.js';
import { isGlanceOnlyPolicy } from '../../../src/policy/glance-only-policies.js';
import { parsePolicyFile, PolicyFileError, readPolicyFile } from '../../../src/policy/policy-file.js';

function problemsOf(text: string): readonly string[] {
  try {
    parsePolicyFile(text, 'policy.yaml');
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('parsePolicyFile', () => {
  it('reads YAML overrides with their parsed rules', () => {
    const overrides = parsePolicyFile(
      '# comment\n"delete_image": "role:admin"\npublicize_image: "!"\n',
      'policy.yaml',
    );
    expect([...overrides.keys()]).toEqual(['delete_image', 'publicize_image']);
    expect(overrides.get('delete_image')).toEqual({
      check: 'role:admin',
      rule: { kind: 'role', role: [{ literal: 'admin' }] },
    });
    expect(overrides.get('publicize_image')?.rule).toEqual({ kind: 'never' });
  });

  it('reads JSON overrides', () => {
    const overrides = parsePolicyFile('{"get_image": "", "add_member": "rule:context_is_admin"}', 'policy.json');
    expect(overrides.get('get_image')).toEqual({ check: '', rule: { kind: 'always' } });
    expect(overrides.get('add_member')?.rule).toEqual({ kind: 'rule', name: 'context_is_admin' });
  });

  it('refuses an empty or fully commented file, and takes an explicit empty mapping as no overrides', () => {
    for (const text of ['', '\n  \n', '# "delete_image": "role:admin"\n']) {
      expect(() => parsePolicyFile(text, 'policy.yaml')).toThrow(/sets no rules.*write \{\}/);
    }
    expect(parsePolicyFile('{}\n', 'policy.yaml').size).toBe(0);
    expect(parsePolicyFile('# the defaults, on purpose\n{}\n', 'policy.json').size).toBe(0);
  });

  it('reports every problem at once, naming each policy', () => {
    const problems = problemsOf(
      [
        '"foo": "role:admin"',
        '"delete_image": "role:admin or )"',
        '"get_image": 42',
        '"add_image": true',
        '"modify_image": ["role:admin"]',
        '"get_images": null',
        '"get_task": {"a": 1}',
        '"upload_image": "role:member"',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'unknown policy "foo"',
      'policy "delete_image": unexpected ")" at position 14, expected a check',
      'policy "get_image": the check must be a string, not a number',
      'policy "add_image": the check must be a string, not a boolean',
      'policy "modify_image": the check must be a string, not a list',
      'policy "get_images": the check must be a string, not null',
      'policy "get_task": the check must be a string, not a mapping',
    ]);
  });

  it('puts the file name and the problems in the message', () => {
    expect(() => parsePolicyFile('"foo": ""\n"bar": ""', '/etc/glance/policy.yaml')).toThrow(
      'invalid policy file "/etc/glance/policy.yaml": unknown policy "foo"; unknown policy "bar"',
    );
  });

  it('keeps helper rules the file refers to with rule:NAME, and still rejects one nothing refers to', () => {
    const overrides = parsePolicyFile(
      '"admin_or_owner": "is_admin:True or project_id:%(project_id)s"\n"delete_image": "rule:admin_or_owner"\n',
      'policy.yaml',
    );
    expect([...overrides.keys()]).toEqual(['admin_or_owner', 'delete_image']);
    expect(problemsOf('"admin_or_owner": "is_admin:True"\n"delete_image": "role:admin"\n')).toEqual(['unknown policy "admin_or_owner"']);
  });

  it('ignores, with one warning naming them, the policies Glance has for APIs this server does not have', () => {
    const warnings: string[] = [];
    const overrides = parsePolicyFile(
      [
        '"copy_image": "role:admin"',
        '"delete_image": "role:admin"',
        '"cache_list": "rule:manage_image_cache"',
        '"get_metadef_namespace": "not a valid rule ("',
      ].join('\n'),
      'glance-policy.yaml',
      (message) => warnings.push(message),
    );
    expect([...overrides.keys()]).toEqual(['delete_image']);
    expect(warnings).toEqual([
      'policy file "glance-policy.yaml": ignoring copy_image, cache_list, get_metadef_namespace ' +
        '(Glance policies for APIs this server does not have)',
    ]);
  });

  it('still rejects a name that is neither ours nor Glance’s (a typo), naming it, and warns of nothing', () => {
    const warnings: string[] = [];
    const typo = () => parsePolicyFile('"copy_image": ""\n"delete_imag": "role:admin"\n', 'policy.yaml', (m) => warnings.push(m));
    expect(typo).toThrow('invalid policy file "policy.yaml": unknown policy "delete_imag"');
    expect(warnings).toEqual([]);
  });

  it('keeps the Glance-only list apart from the policies this server enforces', () => {
    expect(POLICY_NAMES.filter(isGlanceOnlyPolicy)).toEqual([]);
  });

  it('rejects a file that is not a mapping', () => {
    expect(problemsOf('- role:admin')).toEqual(['the file must be a mapping of policy names to check strings']);
    expect(problemsOf('"role:admin"')).toEqual(['the file must be a mapping of policy names to check strings']);
  });

  it('rejects YAML syntax errors and duplicate names', () => {
    expect(problemsOf('"delete_image": "role:admin\n')[0]).toMatch(/quot|string/i);
    expect(problemsOf('delete_image: "a:b"\ndelete_image: "c:d"\n')[0]).toMatch(/unique|duplicate/i);
  });
});

describe('readPolicyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk', async () => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify({ delete_image: 'role:admin' }));
    expect((await readPolicyFile(path)).get('delete_image')?.check).toBe('role:admin');
  });

  it('reports a missing file as a PolicyFileError', async () => {
    const path = join(dir, 'missing.yaml');
    await expect(readPolicyFile(path)).rejects.toBeInstanceOf(PolicyFileError);
    await expect(readPolicyFile(path)).rejects.toThrow(/cannot read the file: ENOENT/);
  });
});
