// Reads an operator's policy file (YAML or JSON: a map of policy name to check string) and validates all of it;
// names Glance has for APIs this server lacks are skipped with a warning (glance-only-policies.ts), and helper
// rules the file's own rules refer to are kept.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { isPolicyName } from './defaults.js';
import { isGlanceOnlyPolicy } from './glance-only-policies.js';
import { checksOf, parseRule, PolicyParseError, type PolicyRule } from './parser.js';

export interface ParsedPolicy {
  readonly check: string;
  readonly rule: PolicyRule;
}

/**
 * The rules a file sets: overrides of this server's policies (names it leaves out keep their code default), and
 * the operator's own helper rules that those reference as `rule:NAME`.
 */
export type PolicyOverrides = ReadonlyMap<string, ParsedPolicy>;

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
  // An empty or all-comments file is more often a save caught halfway or a deploy gone wrong than a wish for the
  // defaults, which would reopen every rule the file restricted: the defaults must be asked for with `{}`.
  if (content === null || content === undefined) {
    throw new PolicyFileError(source, ['the file sets no rules (it is empty or only comments); write {} to use the default rules']);
  }
  if (typeof content !== 'object' || Array.isArray(content)) {
    throw new PolicyFileError(source, ['the file must be a mapping of policy names to check strings']);
  }

  // Each check is parsed once, into its rule or the problem with it.
  const parsed = new Map(Object.entries(content).map(([name, check]) => [name, parseEntry(name, check)] as const));
  // oslo.policy lets a file define helper rules (Glance's old files have `admin_or_owner` and the like): a name
  // that is not a policy is kept when some rule of the file (ignored ones included) refers to it, and is otherwise
  // most likely a typo.
  const referenced = new Set([...parsed.values()].flatMap((entry) => (typeof entry === 'string' ? [] : namesReferredTo(entry.rule))));
  const overrides = new Map<string, ParsedPolicy>();
  const problems: string[] = [];
  const ignored: string[] = [];
  for (const [name, entry] of parsed) {
    if (isGlanceOnlyPolicy(name)) ignored.push(name);
    else if (!isPolicyName(name) && !referenced.has(name)) problems.push(`unknown policy "${name}"`);
    else if (typeof entry === 'string') problems.push(entry);
    else overrides.set(name, entry);
  }
  if (problems.length > 0) throw new PolicyFileError(source, problems);
  if (ignored.length > 0) {
    warn?.(`policy file "${source}": ignoring ${ignored.join(', ')} (Glance policies for APIs this server does not have)`);
  }
  return overrides;
}

/** The parsed check, or the problem with it as the message to report. */
function parseEntry(name: string, check: unknown): ParsedPolicy | string {
  if (typeof check !== 'string') return `policy "${name}": the check must be a string, not ${describe(check)}`;
  try {
    return { check, rule: parseRule(name, check) };
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    return error.message;
  }
}

/** The names a rule refers to with `rule:NAME`. */
function namesReferredTo(rule: PolicyRule): string[] {
  return checksOf(rule).flatMap((part) => (part.kind === 'rule' ? [part.name] : []));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
