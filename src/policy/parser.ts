// The oslo.policy rule language, as Glance's policy files use it, parsed into a small AST.
// Grammar (precedence not > and > or; keywords case-insensitive):
//   expr := and ("or" and)*    and := unary ("and" unary)*    unary := "not" unary | "(" expr ")" | check
import { tokenize, type Token } from './tokenizer.js';
import { PolicyParseError } from './parse-error.js';
import { parseTemplate, type Template } from './template.js';

export { PolicyParseError } from './parse-error.js';
export type { Template, TemplatePart } from './template.js';

/** The left side of a generic check: a credential path (`project_id`, `token.user.id`) or a constant. */
export type MatchSubject =
  | { readonly from: 'credential'; readonly path: readonly string[] }
  | { readonly from: 'literal'; readonly value: string };

export type PolicyRule =
  | { readonly kind: 'always' }
  | { readonly kind: 'never' }
  | { readonly kind: 'and'; readonly rules: readonly PolicyRule[] }
  | { readonly kind: 'or'; readonly rules: readonly PolicyRule[] }
  | { readonly kind: 'not'; readonly rule: PolicyRule }
  | { readonly kind: 'role'; readonly role: Template }
  | { readonly kind: 'rule'; readonly name: string }
  | { readonly kind: 'match'; readonly subject: MatchSubject; readonly value: Template };

/** A rule's leaves: the checks themselves, without the `and`/`or`/`not` around them. */
export type PolicyCheck = Exclude<PolicyRule, { readonly kind: 'and' | 'or' | 'not' }>;

/** Every check in a rule, in reading order (for questions about a rule's parts, not for deciding it). */
export function checksOf(rule: PolicyRule): PolicyCheck[] {
  switch (rule.kind) {
    case 'and':
    case 'or':
      return rule.rules.flatMap(checksOf);
    case 'not':
      return checksOf(rule.rule);
    default:
      return [rule];
  }
}

const KEYWORDS = new Set(['and', 'or', 'not']);

/** Parses one policy's check string; throws PolicyParseError naming the policy and the offending position. */
export function parseRule(policyName: string, text: string): PolicyRule {
  const tokens = tokenize(policyName, text);
  if (tokens.length === 0) return { kind: 'always' };
  const parser = new Parser(policyName, text, tokens);
  return parser.parseAll();
}

// How deep parentheses and `not` may nest: far beyond any real rule, and well within the stack that this
// recursive parser and the evaluator use for each level.
const MAX_NESTING = 100;

class Parser {
  private index = 0;
  private nesting = 0;

  constructor(
    private readonly policyName: string,
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): PolicyRule {
    const rule = this.parseOr();
    const extra = this.peek();
    if (extra) throw this.unexpected(extra, '"and", "or" or the end of the rule');
    return rule;
  }

  private parseOr(): PolicyRule {
    const rules = [this.parseAnd()];
    while (this.acceptKeyword('or')) rules.push(this.parseAnd());
    return rules.length === 1 ? rules[0]! : { kind: 'or', rules };
  }

  private parseAnd(): PolicyRule {
    const rules = [this.parseUnary()];
    while (this.acceptKeyword('and')) rules.push(this.parseUnary());
    return rules.length === 1 ? rules[0]! : { kind: 'and', rules };
  }

  private parseUnary(): PolicyRule {
    const token = this.peek();
    if (!token) throw this.endOfRule(this.expectationAfterPrevious());
    this.index++;
    if (token.type === '(') {
      const inner = this.nested(token, () => this.parseOr());
      const close = this.peek();
      if (close?.type === ')') {
        this.index++;
        return inner;
      }
      if (close) throw this.unexpected(close, '")"');
      throw new PolicyParseError(this.policyName, token.position, 'unclosed "("', 'a matching ")"');
    }
    if (token.type === ')') throw this.unexpected(token, 'a check');
    const keyword = token.text.toLowerCase();
    if (keyword === 'not') return { kind: 'not', rule: this.nested(token, () => this.parseUnary()) };
    if (KEYWORDS.has(keyword)) throw this.unexpected(token, 'a check');
    return this.parseCheck(token);
  }

  private parseCheck(token: Token): PolicyRule {
    if (token.text === '@') return { kind: 'always' };
    if (token.text === '!') return { kind: 'never' };
    const colon = findColon(token.text);
    if (colon < 0) throw this.unexpected(token, 'a check such as "role:NAME" or "rule:NAME"');
    const kind = token.text.slice(0, colon);
    const match = token.text.slice(colon + 1);
    if (kind === '') throw this.invalid(token.position, 'empty check name', 'a name before ":"');
    if (match === '') throw this.invalid(token.position + colon + 1, `empty value for "${kind}:"`, 'a value after ":"');
    const valueAt = token.position + colon + 1;
    if (kind === 'role') return { kind: 'role', role: this.template(match, valueAt) };
    if (kind === 'rule') {
      if (match.includes('%')) throw this.invalid(valueAt, 'substitution in a rule name', 'a plain rule name');
      return { kind: 'rule', name: match };
    }
    // Remote checks would make every request call out over HTTP; Glance does not use them.
    if (kind === 'http' || kind === 'https') {
      throw this.invalid(token.position, `unsupported remote check "${kind}:"`, 'a local check');
    }
    return { kind: 'match', subject: this.subject(kind, token.position), value: this.template(match, valueAt) };
  }

  private subject(kind: string, position: number): MatchSubject {
    const quote = kind[0];
    if (quote === "'" || quote === '"') return { from: 'literal', value: kind.slice(1, -1) };
    // Python's str(True)/str(False): what the target value is compared with.
    if (kind === 'True' || kind === 'False') return { from: 'literal', value: kind };
    const path = kind.split('.');
    if (path.some((segment) => segment === '')) {
      throw this.invalid(position, `empty segment in credential path "${kind}"`, 'a dotted name such as "a.b"');
    }
    return { from: 'credential', path };
  }

  private template(text: string, position: number): Template {
    return parseTemplate(this.policyName, text, position);
  }

  private acceptKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token?.type !== 'word' || token.text.toLowerCase() !== keyword) return false;
    this.index++;
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private expectationAfterPrevious(): string {
    const previous = this.tokens[this.index - 1];
    return previous ? `a check after "${previous.text}"` : 'a check';
  }

  private unexpected(token: Token, expected: string): PolicyParseError {
    return new PolicyParseError(this.policyName, token.position, `unexpected "${token.text}"`, expected);
  }

  private nested(token: Token, parse: () => PolicyRule): PolicyRule {
    if (++this.nesting > MAX_NESTING) throw this.invalid(token.position, `rule nested more than ${MAX_NESTING} levels deep`, 'a flatter rule');
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  private invalid(position: number, problem: string, expected: string): PolicyParseError {
    return new PolicyParseError(this.policyName, position, problem, expected);
  }

  private endOfRule(expected: string): PolicyParseError {
    return new PolicyParseError(this.policyName, this.text.length, 'unexpected end of rule', expected);
  }
}

/** The first ":" outside a quoted literal (a quoted left side may itself contain ":"). */
function findColon(word: string): number {
  const quote = word[0];
  if (quote === "'" || quote === '"') {
    // The tokenizer has already checked that the quote is closed.
    const close = word.indexOf(quote, 1);
    return word[close + 1] === ':' ? close + 1 : -1;
  }
  return word.indexOf(':');
}
