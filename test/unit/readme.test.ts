// README's Policies table must list every policy the server enforces, with its default rule.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/index.js';
import { POLICY_DEFAULTS } from '../../src/policy/index.js';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('documents every policy with its default check string', () => {
    const policies = readme.slice(readme.indexOf('## Policies'));
    const missing = POLICY_DEFAULTS.filter(({ name, check }) => !policies.includes(`\`${name}\``) || (check !== '' && !policies.includes(`\`${check}\``)));
    expect(missing.map(({ name }) => name)).toEqual([]);
  });

  it('documents every configuration option in the Configuration table', () => {
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Identity'));
    expect(Object.keys(configSchema.shape).filter((option) => !table.includes(`\`${option}\``))).toEqual([]);
  });
});
