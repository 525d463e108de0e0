// The right side of a check (and role names): text with Python-style `%(key)s` slots filled from the target.
import { PolicyParseError } from './parse-error.js';

export type TemplatePart = { readonly literal: string } | { readonly key: string };
export type Template = readonly TemplatePart[];

const SLOT = /^%\(([^()\s]+)\)s/;

export function parseTemplate(policyName: string, text: string, position: number): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '%') {
      literal += char;
      i++;
      continue;
    }
    if (text[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    const slot = SLOT.exec(text.slice(i));
    if (!slot) throw new PolicyParseError(policyName, position + i, 'malformed substitution', '"%(name)s" or "%%"');
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({ key: slot[1]! });
    i += slot[0].length;
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** Fills the slots; undefined when the target lacks a key (the check then fails, as in oslo.policy). */
export function fillTemplate(template: Template, target: Readonly<Record<string, unknown>>): string | undefined {
  let result = '';
  for (const part of template) {
    if ('literal' in part) {
      result += part.literal;
      continue;
    }
    if (!Object.hasOwn(target, part.key)) return undefined;
    const value = target[part.key];
    // Deviation: oslo renders None as "None", so a project-less caller could match an image's null member_id.
    if (value === null || value === undefined) return undefined;
    result += pythonString(value);
  }
  return result;
}

/** Mirrors Python's str() for the scalar values policy checks compare. */
export function pythonString(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}
