// Builds the frozen Config: defaults, then the YAML file, then GLANCE_<OPTION> environment variables.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ZodType } from 'zod';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  /** Path of the YAML file (`--config` or GLANCE_CONFIG); none means defaults and environment only. */
  file?: string | null;
  env?: NodeJS.ProcessEnv;
  /** Values that win over everything else (tests use this). */
  overrides?: Record<string, unknown>;
}

const ENV_PREFIX = 'GLANCE_';

export function loadConfig({ file, env = process.env, overrides = {} }: ConfigSources = {}): Config {
  const problems: string[] = [];
  const raw: Record<string, unknown> = { ...readConfigFile(file, problems) };
  const shape = configSchema.shape as Record<string, ZodType>;
  for (const key of Object.keys(shape)) {
    const value = env[ENV_PREFIX + key.toUpperCase()];
    if (value !== undefined) raw[key] = fromEnvString(value, expectedKind(shape[key]!));
  }
  Object.assign(raw, overrides);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(file)';
      const source = envName(issue.path[0]) in env ? ` (from ${envName(issue.path[0])})` : '';
      problems.push(`${key}${source}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}

function envName(key: PropertyKey | undefined): string {
  return ENV_PREFIX + String(key).toUpperCase();
}

function readConfigFile(file: string | null | undefined, problems: string[]): Record<string, unknown> {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`config file ${file}: ${(error as Error).message}`);
    return {};
  }
  try {
    const content: unknown = parseYaml(text);
    if (content === null || content === undefined) return {};
    if (typeof content !== 'object' || Array.isArray(content)) {
      problems.push(`config file ${file}: expected a mapping of option names to values`);
      return {};
    }
    return content as Record<string, unknown>;
  } catch (error) {
    problems.push(`config file ${file}: ${(error as Error).message}`);
    return {};
  }
}

type ValueKind = 'boolean' | 'number' | 'list' | 'numberList' | 'string' | 'numberOrString';

/** Which JSON type an option takes, read off its zod schema, so env strings convert without a second table. */
function expectedKind(schema: ZodType): ValueKind {
  let inner: ZodType = schema;
  while ('innerType' in inner.def || inner.def.type === 'pipe') {
    inner = (inner.def.type === 'pipe' ? (inner.def as unknown as { in: ZodType }).in : (inner.def as unknown as { innerType: ZodType }).innerType);
  }
  switch (inner.def.type) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'array':
      return (inner.def as unknown as { element: ZodType }).element.def.type === 'number' ? 'numberList' : 'list';
    case 'union':
      return 'numberOrString';
    default:
      return 'string';
  }
}

/** Env values are strings; convert them to the JSON type the option expects, leaving bad input for zod to name. */
function fromEnvString(value: string, kind: ValueKind): unknown {
  const trimmed = value.trim();
  switch (kind) {
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(trimmed)) return true;
      if (/^(false|0|no|off)$/i.test(trimmed)) return false;
      return trimmed;
    case 'number':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    case 'numberOrString':
      return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
    case 'list':
      return splitList(trimmed);
    case 'numberList':
      return splitList(trimmed).map((item) => (/^\d+$/.test(item) ? Number(item) : item));
    case 'string':
      return trimmed === '' ? null : trimmed;
  }
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
