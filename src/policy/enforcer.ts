// The policy engine the server asks: code defaults overlaid by the operator's file, re-read when it changes.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { POLICY_DEFAULTS, type PolicyName } from './defaults.js';
import { evaluate, type Credentials, type Target } from './evaluator.js';
import { parseRule } from './parser.js';
import { readPolicyFile, type ParsedPolicy, type PolicyOverrides } from './policy-file.js';
import { targetKeysOf } from './target.js';

export interface PolicyLogger {
  info(msg: string): void;
  error(msg: string): void;
}

export interface PolicyEnforcerOptions {
  /** The operator's YAML or JSON policy file; null or absent means code defaults only. */
  readonly policyFile?: string | null;
  readonly logger: PolicyLogger;
  /** Re-read the file when it changes on disk. */
  readonly watch?: boolean;
}

// Polling survives editors that replace the file and files deleted then recreated, where fs.watch loses track.
const WATCH_INTERVAL_MS = 250;

const DEFAULT_RULES: ReadonlyMap<string, ParsedPolicy> = new Map(
  POLICY_DEFAULTS.map(({ name, check }) => [name, { check, rule: parseRule(name, check) }]),
);

export class PolicyEnforcer {
  #rules = DEFAULT_RULES;
  #readKeys: { readonly rules: ReadonlyMap<string, ParsedPolicy>; readonly keys: ReadonlySet<string> } | null = null;
  #generation = 0;
  #queue: Promise<boolean> = Promise.resolve(true);
  #watching = false;
  readonly #resolveRule = (name: string) => this.#rules.get(name)?.rule;
  readonly #onFileChange = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.ino === previous.ino && current.size === previous.size) {
      return;
    }
    void this.reload();
  };

  private constructor(
    private readonly policyFile: string | null,
    private readonly logger: PolicyLogger,
  ) {}

  /** Throws PolicyFileError when the file is missing or invalid: the server must not start on a bad file. */
  static async create(options: PolicyEnforcerOptions): Promise<PolicyEnforcer> {
    const file = options.policyFile ?? null;
    const enforcer = new PolicyEnforcer(file, options.logger);
    // Watch before the first read, so an edit made while it runs is not missed; reloads queue behind it.
    if (file !== null && options.watch) enforcer.#watch(file);
    const initial = (file === null ? Promise.resolve(new Map()) : readPolicyFile(file)).then((overrides) => {
      enforcer.#rules = overlay(overrides);
      options.logger.info(
        file === null ? 'policy: no policy file, using the default rules' : `${describe(file, overrides)} loaded`,
      );
    });
    // The queue itself never rejects, so a reload queued behind a failed first read cannot crash the process.
    enforcer.#queue = initial.then(
      () => true,
      () => false,
    );
    try {
      await initial;
    } catch (error) {
      enforcer.close();
      throw error;
    }
    return enforcer;
  }

  /** Incremented by every successful reload, so callers can wait for one. */
  get generation(): number {
    return this.#generation;
  }

  enforce(name: PolicyName, credentials: Credentials, target: Target): boolean {
    const rule = this.#rules.get(name)?.rule;
    return rule !== undefined && evaluate(rule, { credentials, target, resolveRule: this.#resolveRule });
  }

  /** The target keys (`%(key)s`) the rules in effect read, so callers load only the facts some rule needs. */
  targetKeys(): ReadonlySet<string> {
    if (this.#readKeys?.rules !== this.#rules) {
      const keys = new Set([...this.#rules.values()].flatMap(({ rule }) => targetKeysOf(rule)));
      this.#readKeys = { rules: this.#rules, keys };
    }
    return this.#readKeys.keys;
  }

  /** The check string in effect for `name`: the file's if it sets one, else the code default. */
  ruleText(name: PolicyName): string {
    return this.#rules.get(name)?.check ?? '';
  }

  /**
   * Re-reads the file; resolves false (and logs why) when it cannot be read or is invalid, keeping the rules
   * in effect. Reloads run one at a time so the newest file content always wins.
   */
  reload(): Promise<boolean> {
    this.#queue = this.#queue.then(() => this.#load());
    return this.#queue;
  }

  close(): void {
    if (this.#watching && this.policyFile !== null) unwatchFile(this.policyFile, this.#onFileChange);
    this.#watching = false;
  }

  async #load(): Promise<boolean> {
    if (this.policyFile === null) {
      this.#install(new Map());
      return true;
    }
    try {
      const overrides = await readPolicyFile(this.policyFile);
      this.#install(overrides);
      this.logger.info(`${describe(this.policyFile, overrides)} reloaded`);
      return true;
    } catch (error) {
      this.logger.error(`${(error as Error).message}; keeping the policy rules in effect`);
      return false;
    }
  }

  #install(overrides: PolicyOverrides): void {
    // Rules removed from the file fall back to the code default (Glance keeps them until a restart).
    this.#rules = overlay(overrides);
    this.#generation++;
  }

  #watch(file: string): void {
    watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, this.#onFileChange);
    this.#watching = true;
  }
}

function overlay(overrides: PolicyOverrides): ReadonlyMap<string, ParsedPolicy> {
  return new Map([...DEFAULT_RULES, ...overrides]);
}

function describe(file: string, overrides: PolicyOverrides): string {
  const names = [...overrides.keys()].join(', ') || 'none';
  return `policy file "${file}" (overriding: ${names})`;
}
