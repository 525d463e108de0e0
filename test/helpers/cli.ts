// `glance-graphql` as its own process (node with tsx's loader), for tests of the command line and of crashes.
// A cold tsx start takes seconds on a loaded 2-core machine, so tests that spawn use SPAWN_TEST_TIMEOUT.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Per-test timeout for a test that spawns the CLI: several cold starts must fit on a busy CI machine. */
export const SPAWN_TEST_TIMEOUT = 90_000;

function nodeArgs(args: readonly string[]): string[] {
  return ['--import', 'tsx', 'src/main.ts', ...args];
}

/** Runs a command to its end. `env` is added to this process's environment. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, nodeArgs(args), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: SPAWN_TEST_TIMEOUT,
  });
}

export interface ServeBanner {
  url: string;
  adminToken: string;
  memberToken: string;
}

export interface ServeProcess {
  /** The URL and development tokens `serve` prints once it listens; rejects if the process exits before. */
  ready: Promise<ServeBanner>;
  /** The process id: npm's for `npm start`; the primary's when it runs workers. */
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal (unless the process already ended) and resolves with how the process exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const BANNER = /serving (http:\/\/\S+)\/graphql[\s\S]*admin\s+\(project admin, role admin\):\s+(\S+)\s+member \(project demo, role member\):\s+(\S+)/;

/**
 * Starts `serve` on a free port, as node with tsx's loader or, `viaNpm`, as `npm start` (README's way). Always
 * `await stop()` (in `finally`) before deleting its data dir.
 */
export function spawnServe(env: NodeJS.ProcessEnv, { viaNpm = false } = {}): ServeProcess {
  const [command, args] = viaNpm ? ['npm', ['start', '--silent']] : [process.execPath, nodeArgs(['serve'])];
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, GLANCE_PORT: '0', ...env } });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  let output = '';
  const ready = new Promise<ServeBanner>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const banner = BANNER.exec(output);
      if (banner) done({ url: banner[1]!, adminToken: banner[2]!, memberToken: banner[3]! });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => fail(new Error(`serve exited (${code ?? signal}) before it listened:\n${output}`)));
  });
  // A test that stops the process before it listened must not also see an unhandled rejection.
  ready.catch(() => undefined);
  return {
    ready,
    pid: child.pid!,
    output: () => output,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
