// The policy engine the server asks: code defaults overlaid by the operator's file, re-read when it changes.
import { unwatchFile, watchFile } from 'node:fs';
import { POLICY_DEFAULTS, type PolicyName } from './defaults.js';
import { evaluate, type Credentials, type Target } from './evaluator.js';
import { parseRule } from './parser.js';
import { readPolicyFile, type ParsedPolicy, type PolicyOverrides } from './policy-file.js';
import { targetKeysOf } from './target.js';

export interface PolicyLogger {
  info(msg: string): void;
  /** Policy names the file sets and this server ignores; logged with info when absent. */
  warn?(msg: string): void;
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
// An editor that saves in place truncates the file, then writes it: a read in between finds an empty or cut-off
// file, which would bring back the defaults (reopening a rule the operator restricted) until the next poll. So a
// change is read only once the file has stopped changing: every change the poller reports restarts this wait,
// which outlasts one poll, so the file's stat (size, mtime, inode) was the same on two polls in a row. Waiting on
// the stat needs no guess about the content; a save is applied within a second. A save that stalls mid-write for
// longer than the wait is not covered (an atomic save, a temporary file renamed over this one, always is).
const SETTLE_MS = 2 * WATCH_INTERVAL_MS;

const DEFAULT_RULES: ReadonlyMap<string, ParsedPolicy> = new Map(
  POLICY_DEFAULTS.map(({ name, check }) => [name, { check, rule: parseRule(name, check) }]),
);

export class PolicyEnforcer {
  #rules = DEFAULT_RULES;
  #readKeys: { readonly rules: ReadonlyMap<string, ParsedPolicy>; readonly keys: ReadonlySet<string> } | null = null;
  #queue: Promise<boolean> = Promise.resolve(true);
  #watching = false;
  #settling: NodeJS.Timeout | undefined;
  readonly #resolveRule = (name: string) => this.#rules.get(name)?.rule;
  readonly #warn = (message: string) => (this.logger.warn ? this.logger.warn(message) : this.logger.info(message));
  readonly #onFileChange = () => {
    clearTimeout(this.#settling);
    this.#settling = setTimeout(() => void this.reload(), SETTLE_MS).unref();
  };

  private constructor(
    private readonly policyFile: string | null,
    private readonly logger: PolicyLogger,
  ) {}

  /** Throws PolicyFileError when the file is missing or invalid: the server must not start on a bad file. */
  static async create(options: PolicyEnforcerOptions): Promise<PolicyEnforcer> {
    const file = options.policyFile ?? null;
    const enforcer = new PolicyEnforcer(file, options.logger);
    if (file === null) {
      options.logger.info('policy: no policy file, using the default rules');
      return enforcer;
    }
    // Watch before the first read, so an edit made while it runs is not missed; reloads queue behind it.
    if (options.watch) enforcer.#watch(file);
    const initial = enforcer.#apply(file, 'loaded');
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

  /**
   * Re-reads the file; resolves false (and logs why) when it cannot be read or is invalid, keeping the rules
   * in effect. Reloads run one at a time so the newest file content always wins.
   */
  reload(): Promise<boolean> {
    this.#queue = this.#queue.then(() => this.#load());
    return this.#queue;
  }

  close(): void {
    clearTimeout(this.#settling);
    if (this.#watching && this.policyFile !== null) unwatchFile(this.policyFile, this.#onFileChange);
    this.#watching = false;
  }

  async #load(): Promise<boolean> {
    // Without a file the defaults are in effect from the start and nothing can change them.
    if (this.policyFile === null) return true;
    try {
      await this.#apply(this.policyFile, 'reloaded');
      return true;
    } catch (error) {
      this.logger.error(`${(error as Error).message}; keeping the policy rules in effect`);
      return false;
    }
  }

  /** Puts the file's rules over the defaults and logs what it overrides; throws PolicyFileError, keeping the rules in effect. */
  async #apply(file: string, outcome: 'loaded' | 'reloaded'): Promise<void> {
    const overrides = await readPolicyFile(file, this.#warn);
    this.#rules = overlay(overrides);
    this.logger.info(`${describe(file, overrides)} ${outcome}`);
  }

  #watch(file: string): void {
    watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, this.#onFileChange);
    this.#watching = true;
  }
}

/** Rules the file does not set, including ones removed from it, are the code defaults (Glance keeps a removed rule until a restart). */
function overlay(overrides: PolicyOverrides): ReadonlyMap<string, ParsedPolicy> {
  return new Map([...DEFAULT_RULES, ...overrides]);
}

function describe(file: string, overrides: PolicyOverrides): string {
  const names = [...overrides.keys()].join(', ') || 'none';
  return `policy file "${file}" (overriding: ${names})`;
}
