// Decides a parsed rule against the caller's credentials and the object the rule is about.
import type { MatchSubject, PolicyRule } from './parser.js';
import { fillTemplate, pythonString } from './template.js';

/**
 * Who is calling. Deviation from Glance: oslo.context's policy values carry no `is_admin`, so there a rule
 * `is_admin:True` never matches; ours carry `is_admin` (= has the admin role), so such a rule works as it reads.
 */
export interface Credentials {
  readonly user_id: string;
  readonly project_id: string | null;
  readonly roles: readonly string[];
  readonly is_admin: boolean;
}

export type Target = Readonly<Record<string, unknown>>;

export interface EvaluationContext {
  readonly credentials: Credentials;
  readonly target: Target;
  /** Looks up `rule:NAME`; undefined for a name that is not defined (the check is then false). */
  readonly resolveRule: (name: string) => PolicyRule | undefined;
}

export function evaluate(rule: PolicyRule, context: EvaluationContext): boolean {
  return check(rule, context, new Set());
}

// `active` holds the rule names being expanded on the current path, so `rule:a` inside `a` is false, not a loop.
function check(rule: PolicyRule, context: EvaluationContext, active: Set<string>): boolean {
  switch (rule.kind) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'and':
      return rule.rules.every((inner) => check(inner, context, active));
    case 'or':
      return rule.rules.some((inner) => check(inner, context, active));
    case 'not':
      return !check(rule.rule, context, active);
    case 'role': {
      const role = fillTemplate(rule.role, context.target)?.toLowerCase();
      return role !== undefined && context.credentials.roles.some((held) => held.toLowerCase() === role);
    }
    case 'rule':
      return checkReference(rule.name, context, active);
    case 'match': {
      const expected = fillTemplate(rule.value, context.target);
      return expected !== undefined && subjectMatches(rule.subject, context.credentials, expected);
    }
  }
}

function checkReference(name: string, context: EvaluationContext, active: Set<string>): boolean {
  if (active.has(name)) return false;
  const referenced = context.resolveRule(name);
  if (!referenced) return false;
  active.add(name);
  try {
    return check(referenced, context, active);
  } finally {
    active.delete(name);
  }
}

function subjectMatches(subject: MatchSubject, credentials: Credentials, expected: string): boolean {
  if (subject.from === 'literal') return subject.value === expected;
  return pathMatches(credentials, subject.path, expected);
}

// As in oslo.policy, a list anywhere on the path matches when any of its elements does.
function pathMatches(value: unknown, path: readonly string[], expected: string): boolean {
  if (Array.isArray(value)) return value.some((element) => pathMatches(element, path, expected));
  if (path.length === 0) return value !== null && value !== undefined && pythonString(value) === expected;
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, path[0]!)) return false;
  return pathMatches((value as Record<string, unknown>)[path[0]!], path.slice(1), expected);
}
