import { describe, expect, it } from 'vitest';
import { parseRule, PolicyParseError, type PolicyRule } from '../../../src/policy/parser.js';

const role = (name: string): PolicyRule => ({ kind: 'role', role: [{ literal: name }] });
const ref = (name: string): PolicyRule => ({ kind: 'rule', name });

function parseError(text: string, policyName = 'p'): PolicyParseError {
  try {
    parseRule(policyName, text);
  } catch (error) {
    if (error instanceof PolicyParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseRule: checks', () => {
  it('treats empty text, blanks and "@" as always, "!" as never', () => {
    expect(parseRule('p', '')).toEqual({ kind: 'always' });
    expect(parseRule('p', '   ')).toEqual({ kind: 'always' });
    expect(parseRule('p', '@')).toEqual({ kind: 'always' });
    expect(parseRule('p', '!')).toEqual({ kind: 'never' });
  });

  it('parses role and rule references', () => {
    expect(parseRule('p', 'role:admin')).toEqual(role('admin'));
    expect(parseRule('p', 'rule:context_is_admin')).toEqual(ref('context_is_admin'));
  });

  it('parses substitutions inside role names', () => {
    expect(parseRule('p', 'role:%(project_id)s_admin')).toEqual({
      kind: 'role',
      role: [{ key: 'project_id' }, { literal: '_admin' }],
    });
  });

  it('parses generic checks of a credential against a target attribute', () => {
    expect(parseRule('p', 'project_id:%(project_id)s')).toEqual({
      kind: 'match',
      subject: { from: 'credential', path: ['project_id'] },
      value: [{ key: 'project_id' }],
    });
    expect(parseRule('p', 'token.project.id:%(owner)s')).toEqual({
      kind: 'match',
      subject: { from: 'credential', path: ['token', 'project', 'id'] },
      value: [{ key: 'owner' }],
    });
  });

  it('parses a credential compared with a constant, keeping the rest after the first colon', () => {
    expect(parseRule('p', 'is_admin:True')).toEqual({
      kind: 'match',
      subject: { from: 'credential', path: ['is_admin'] },
      value: [{ literal: 'True' }],
    });
    expect(parseRule('p', 'project_id:a:b%%')).toEqual({
      kind: 'match',
      subject: { from: 'credential', path: ['project_id'] },
      value: [{ literal: 'a:b%' }],
    });
  });

  it('parses quoted and boolean literals on the left side', () => {
    expect(parseRule('p', "'public':%(visibility)s")).toEqual({
      kind: 'match',
      subject: { from: 'literal', value: 'public' },
      value: [{ key: 'visibility' }],
    });
    expect(parseRule('p', '"a b:c":%(name)s')).toEqual({
      kind: 'match',
      subject: { from: 'literal', value: 'a b:c' },
      value: [{ key: 'name' }],
    });
    expect(parseRule('p', 'True:%(protected)s')).toMatchObject({ subject: { from: 'literal', value: 'True' } });
    expect(parseRule('p', 'False:%(protected)s')).toMatchObject({ subject: { from: 'literal', value: 'False' } });
  });
});

describe('parseRule: operators', () => {
  it('binds "and" tighter than "or"', () => {
    expect(parseRule('p', 'role:a or role:b and role:c')).toEqual({
      kind: 'or',
      rules: [role('a'), { kind: 'and', rules: [role('b'), role('c')] }],
    });
    expect(parseRule('p', 'role:a and role:b or role:c')).toEqual({
      kind: 'or',
      rules: [{ kind: 'and', rules: [role('a'), role('b')] }, role('c')],
    });
  });

  it('binds "not" tighter than "and"', () => {
    expect(parseRule('p', 'not role:a and role:b')).toEqual({
      kind: 'and',
      rules: [{ kind: 'not', rule: role('a') }, role('b')],
    });
    expect(parseRule('p', 'not not role:a')).toEqual({ kind: 'not', rule: { kind: 'not', rule: role('a') } });
  });

  it('flattens chains of the same operator', () => {
    expect(parseRule('p', 'role:a or role:b or role:c')).toEqual({
      kind: 'or',
      rules: [role('a'), role('b'), role('c')],
    });
  });

  it('honours nested parentheses, with or without spaces', () => {
    const expected: PolicyRule = {
      kind: 'and',
      rules: [role('a'), { kind: 'or', rules: [role('b'), { kind: 'not', rule: role('c') }] }],
    };
    expect(parseRule('p', 'role:a and (role:b or (not role:c))')).toEqual(expected);
    expect(parseRule('p', 'role:a and(role:b or(not role:c))')).toEqual(expected);
    expect(parseRule('p', '((role:a))')).toEqual(role('a'));
  });

  it('keeps a substitution whole when it is followed by a closing parenthesis', () => {
    expect(parseRule('p', '(project_id:%(owner)s)')).toEqual({
      kind: 'match',
      subject: { from: 'credential', path: ['project_id'] },
      value: [{ key: 'owner' }],
    });
  });

  it('accepts keywords in any case', () => {
    expect(parseRule('p', 'NOT role:a AND role:b Or role:c')).toEqual(parseRule('p', 'not role:a and role:b or role:c'));
  });

  it('parses Glance get_image default', () => {
    const rule = parseRule(
      'get_image',
      "role:admin or (role:reader and (project_id:%(project_id)s or 'public':%(visibility)s))",
    );
    expect(rule).toMatchObject({ kind: 'or', rules: [role('admin'), { kind: 'and' }] });
  });
});

describe('parseRule: errors', () => {
  it.each([
    ['role:admin or )', 14, 'unexpected ")" at position 14, expected a check'],
    ['role:admin)', 10, 'unexpected ")" at position 10, expected "and", "or" or the end of the rule'],
    ['(role:admin', 0, 'unclosed "(" at position 0, expected a matching ")"'],
    ['(role:a or (role:b)', 0, 'unclosed "("'],
    ['()', 1, 'unexpected ")" at position 1'],
    ['role:admin and', 14, 'unexpected end of rule at position 14, expected a check after "and"'],
    ['not', 3, 'expected a check after "not"'],
    ['or role:a', 0, 'unexpected "or" at position 0, expected a check'],
    ['role:a and and role:b', 11, 'unexpected "and" at position 11'],
    ['role:a role:b', 7, 'unexpected "role:b" at position 7'],
    ['admin', 0, 'unexpected "admin" at position 0, expected a check such as'],
    [':admin', 0, 'empty check name at position 0'],
    ['role:', 5, 'empty value for "role:" at position 5'],
    ["'public:%(visibility)s", 0, 'unterminated quote at position 0'],
    ['role:a or project_id:%(owner', 21, 'unterminated "%(" at position 21'],
    ['project_id:%(owner)d', 11, 'malformed substitution at position 11'],
    ['project_id:50%', 13, 'malformed substitution at position 13'],
    ['rule:%(name)s', 5, 'substitution in a rule name'],
    ['http://policy.example/check', 0, 'unsupported remote check "http:"'],
    ['a..b:%(x)s', 0, 'empty segment in credential path'],
    ["'public'x:%(visibility)s", 0, 'unexpected "\'public\'x:%(visibility)s" at position 0'],
  ])('rejects %j at position %i', (text, position, message) => {
    const error = parseError(text);
    expect(error.position).toBe(position);
    expect(error.policyName).toBe('p');
    expect(error.message).toContain(message);
  });

  it('names the policy first in the message', () => {
    const error = parseError('role:admin or )', 'delete_image');
    expect(error.message).toBe('policy "delete_image": unexpected ")" at position 14, expected a check');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PolicyParseError');
  });

  it('refuses rules nested deeper than 100 levels as a parse error, not a stack overflow', () => {
    const deep = (levels: number) => `${'('.repeat(levels)}role:a${')'.repeat(levels)}`;
    expect(parseRule('p', deep(100))).toEqual(role('a'));
    for (const text of [deep(20_000), `${'not '.repeat(20_000)}role:a`]) {
      expect(() => parseRule('p', text)).toThrow(PolicyParseError);
      expect(() => parseRule('p', text)).toThrow(/nested more than 100 levels deep/);
    }
  });
});
