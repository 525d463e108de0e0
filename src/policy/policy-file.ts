// Reads an operator's policy file (YAML or JSON: a map of policy name to check string) and validates all of it;
// names Glance has for APIs this server lacks are skipped with a warning (glance-only-policies.ts).
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { isPolicyName, type PolicyName } from './defaults.js';
import { isGlanceOnlyPolicy } from './glance-only-policies.js';
import { parseRule, PolicyParseError, type PolicyRule } from './parser.js';

export interface ParsedPolicy {
  readonly check: string;
  readonly rule: PolicyRule;
}

/** The rules a file overrides; names it leaves out keep their code default. */
export type PolicyOverrides = ReadonlyMap<PolicyName, ParsedPolicy>;

/** Every problem in the file at once, so an operator can fix them in one pass. */
export class PolicyFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid policy file "${source}": ${problems.join('; ')}`);
    this.name = 'PolicyFileError';
  }
}

/** Told about names the file sets that Glance has and this server ignores. */
export type PolicyWarn = (message: string) => void;

export async function readPolicyFile(path: string, warn?: PolicyWarn): Promise<PolicyOverrides> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyFileError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  return parsePolicyFile(text, path, warn);
}

/** `source` only names the file in messages. */
export function parsePolicyFile(text: string, source: string, warn?: PolicyWarn): PolicyOverrides {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new PolicyFileError(source, document.errors.map((error) => error.message));
  }
  const content: unknown = document.toJS();
  // A file with everything commented out (like the generated sample) overrides nothing.
  if (content === null || content === undefined) return new Map();
  if (typeof content !== 'object' || Array.isArray(content)) {
    throw new PolicyFileError(source, ['the file must be a mapping of policy names to check strings']);
  }

  const overrides = new Map<PolicyName, ParsedPolicy>();
  const problems: string[] = [];
  const ignored: string[] = [];
  for (const [name, check] of Object.entries(content)) {
    if (isGlanceOnlyPolicy(name)) {
      ignored.push(name);
    } else if (!isPolicyName(name)) {
      problems.push(`unknown policy "${name}"`);
    } else if (typeof check !== 'string') {
      problems.push(`policy "${name}": the check must be a string, not ${describe(check)}`);
    } else {
      try {
        overrides.set(name, { check, rule: parseRule(name, check) });
      } catch (error) {
        if (!(error instanceof PolicyParseError)) throw error;
        problems.push(error.message);
      }
    }
  }
  if (problems.length > 0) throw new PolicyFileError(source, problems);
  if (ignored.length > 0) {
    warn?.(`policy file "${source}": ignoring ${ignored.join(', ')} (Glance policies for APIs this server does not have)`);
  }
  return overrides;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
