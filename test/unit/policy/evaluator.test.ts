import { describe, expect, it } from 'vitest';
import { evaluate, type Credentials, type Target } from '../../../src/policy/evaluator.js';
import { parseRule, type PolicyRule } from '../../../src/policy/parser.js';

const member: Credentials = { user_id: 'u1', project_id: 'P', roles: ['Member', 'reader'], is_admin: false };

function check(text: string, target: Target = {}, credentials = member, rules: Record<string, string> = {}) {
  const parsed = new Map(Object.entries(rules).map(([name, body]) => [name, parseRule(name, body)]));
  const resolveRule = (name: string): PolicyRule | undefined => parsed.get(name);
  return evaluate(parseRule('test', text), { credentials, target, resolveRule });
}

describe('evaluate', () => {
  it('answers the constant checks', () => {
    expect(check('')).toBe(true);
    expect(check('@')).toBe(true);
    expect(check('!')).toBe(false);
  });

  it('compares roles case-insensitively', () => {
    expect(check('role:member')).toBe(true);
    expect(check('role:READER')).toBe(true);
    expect(check('role:admin')).toBe(false);
  });

  it('substitutes target values into role names', () => {
    const credentials = { ...member, roles: ['P_admin'] };
    expect(check('role:%(owner)s_admin', { owner: 'p' }, credentials)).toBe(true);
    expect(check('role:%(owner)s_admin', { owner: 'Q' }, credentials)).toBe(false);
    expect(check('role:%(owner)s_admin', {}, credentials)).toBe(false);
  });

  it('compares a credential with a target attribute as strings', () => {
    expect(check('project_id:%(project_id)s', { project_id: 'P' })).toBe(true);
    expect(check('project_id:%(project_id)s', { project_id: 'Q' })).toBe(false);
    expect(check('user_id:%(user)s', { user: 'u1' })).toBe(true);
    expect(check('project_id:%(size)s', { size: 42 }, { ...member, project_id: '42' })).toBe(true);
  });

  it('fails a check whose target key is missing, instead of matching an empty string', () => {
    expect(check('project_id:%(owner)s', {}, { ...member, project_id: '' })).toBe(false);
    expect(check('not project_id:%(owner)s', {})).toBe(true);
  });

  it('never matches null values, even a null project against a null member', () => {
    const noProject = { ...member, project_id: null };
    expect(check('project_id:%(member_id)s', { member_id: null }, noProject)).toBe(false);
    expect(check('project_id:None', {}, noProject)).toBe(false);
  });

  it('fails a check on an unknown credential', () => {
    expect(check('domain_id:%(domain_id)s', { domain_id: 'd' })).toBe(false);
    expect(check('user_id.name:u1')).toBe(false);
  });

  it('matches any element of a list credential', () => {
    expect(check('roles:%(wanted)s', { wanted: 'Member' })).toBe(true);
    expect(check('roles:%(wanted)s', { wanted: 'admin' })).toBe(false);
  });

  it('compares credentials with constants, booleans rendered as Python does', () => {
    expect(check('is_admin:True', {}, { ...member, is_admin: true })).toBe(true);
    expect(check('is_admin:True')).toBe(false);
    expect(check('is_admin:False')).toBe(true);
    expect(check('project_id:P')).toBe(true);
    expect(check('project_id:p')).toBe(false);
  });

  it('compares literals with target values', () => {
    expect(check("'public':%(visibility)s", { visibility: 'public' })).toBe(true);
    expect(check("'public':%(visibility)s", { visibility: 'private' })).toBe(false);
    expect(check("'public':%(visibility)s", {})).toBe(false);
    expect(check('True:%(protected)s', { protected: true })).toBe(true);
    expect(check('True:%(protected)s', { protected: false })).toBe(false);
    expect(check('False:%(protected)s', { protected: false })).toBe(true);
  });

  it('combines checks with and, or, not in their precedence', () => {
    expect(check('role:admin or role:member and project_id:%(owner)s', { owner: 'P' })).toBe(true);
    expect(check('role:admin or role:member and project_id:%(owner)s', { owner: 'Q' })).toBe(false);
    expect(check('(role:admin or role:member) and project_id:%(owner)s', { owner: 'Q' })).toBe(false);
    expect(check('not role:admin and role:member')).toBe(true);
    expect(check('not (role:admin or role:member)')).toBe(false);
  });

  it('follows rule references and treats unknown names as false', () => {
    const rules = { is_member: 'role:member', owner: 'project_id:%(owner)s', both: 'rule:is_member and rule:owner' };
    expect(check('rule:both', { owner: 'P' }, member, rules)).toBe(true);
    expect(check('rule:both', { owner: 'Q' }, member, rules)).toBe(false);
    expect(check('rule:nowhere', {}, member, rules)).toBe(false);
    expect(check('not rule:nowhere', {}, member, rules)).toBe(true);
  });

  it('treats a rule that refers back to itself as false instead of recursing forever', () => {
    const rules = { a: 'rule:b', b: 'rule:a or role:admin', loop: 'rule:loop' };
    expect(check('rule:a', {}, member, rules)).toBe(false);
    expect(check('rule:a', {}, { ...member, roles: ['admin'] }, rules)).toBe(true);
    expect(check('rule:loop or role:member', {}, member, rules)).toBe(true);
  });

  it('lets one rule be referenced twice in the same expression', () => {
    const rules = { m: 'role:member' };
    expect(check('rule:m and rule:m', {}, member, rules)).toBe(true);
  });
});
