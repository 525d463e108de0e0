// Splits a check string into parentheses and words, keeping each token's offset for error messages.
import { PolicyParseError } from './parse-error.js';

export interface Token {
  readonly type: '(' | ')' | 'word';
  readonly text: string;
  readonly position: number;
}

const WHITESPACE = /\s/;

export function tokenize(policyName: string, text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (WHITESPACE.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char, text: char, position: i });
      i++;
    } else {
      const end = wordEnd(policyName, text, i);
      tokens.push({ type: 'word', text: text.slice(i, end), position: i });
      i = end;
    }
  }
  return tokens;
}

// A word runs to whitespace or a parenthesis, except that "%(name)" and quoted literals are kept whole,
// so `project_id:%(owner)s)` ends before its last ")" and `'public':%(visibility)s` stays one check.
function wordEnd(policyName: string, text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const char = text[i]!;
    if (WHITESPACE.test(char) || char === '(' || char === ')') return i;
    if (char === "'" || char === '"') {
      const close = text.indexOf(char, i + 1);
      if (close < 0) throw new PolicyParseError(policyName, i, 'unterminated quote', `a closing ${char}`);
      i = close + 1;
    } else if (char === '%' && text[i + 1] === '(') {
      const close = closingParen(text, i + 2);
      if (close < 0) throw new PolicyParseError(policyName, i, 'unterminated "%("', '"%(name)s"');
      i = close + 1;
    } else {
      i++;
    }
  }
  return i;
}

function closingParen(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === ')') return i;
    if (WHITESPACE.test(char) || char === '(') return -1;
  }
  return -1;
}
