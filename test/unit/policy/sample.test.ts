import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POLICY_DEFAULTS } from '../../../src/policy/defaults.js';
import { parseRule } from '../../../src/policy/parser.js';
import { parsePolicyFile } from '../../../src/policy/policy-file.js';
import { renderSampleFile } from '../../../src/policy/sample.js';

const sample = renderSampleFile();
const ruleLines = sample.split('\n').filter((line) => line.startsWith('#"'));

describe('renderSampleFile', () => {
  it('is valid YAML that sets no rules as generated, which a policy file must say explicitly', () => {
    expect(parse(sample)).toBeNull();
    expect(() => parsePolicyFile(sample, 'sample')).toThrow(/sets no rules/);
    expect(sample.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual([]);
  });

  it('shows every policy once, with its description and operations above it', () => {
    expect(ruleLines).toHaveLength(POLICY_DEFAULTS.length);
    for (const policy of POLICY_DEFAULTS) {
      const block = sample.split('\n\n').find((candidate) => candidate.includes(`#"${policy.name}":`));
      expect(block, policy.name).toBeDefined();
      expect(block).toContain(policy.description.split(' ').slice(0, 4).join(' '));
      for (const operation of policy.operations) expect(block).toContain(operation);
    }
  });

  it('gives, for each uncommented rule line, an entry equal to the default', () => {
    for (const [index, line] of ruleLines.entries()) {
      const entry = parse(line.slice(1)) as Record<string, unknown>;
      const policy = POLICY_DEFAULTS[index]!;
      expect(entry).toEqual({ [policy.name]: policy.check });
      expect(parseRule(policy.name, entry[policy.name] as string)).toEqual(parseRule(policy.name, policy.check));
    }
  });

  it('becomes a valid policy file when every rule is uncommented', () => {
    const uncommented = sample.replace(/^#"/gm, '"');
    const overrides = parsePolicyFile(uncommented, 'sample');
    expect(overrides.size).toBe(POLICY_DEFAULTS.length);
    expect(overrides.get('get_image')?.check).toContain("'public':%(visibility)s");
  });
});
