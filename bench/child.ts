// Child processes for benchmarks: TypeScript entry points run by node with tsx's loader, so a server under load
// never shares an event loop (or a core's time slices) with the load generator.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

export interface RunningChild {
  process: ChildProcess;
  /** The capture group of the line that announced readiness. */
  announced: string;
  stop(): Promise<void>;
}

/** Runs `node [...nodeArgs] --import tsx <script> ...args` from the repository root. */
export function spawnTs(
  script: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  stdio: 'pipe' | 'inherit' = 'pipe',
  nodeArgs: readonly string[] = [],
) {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, stdio: stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
}

/**
 * Starts a script and waits until it prints a line matching `ready` (whose first group is returned). `nodeArgs`
 * go to node itself (`--cpu-prof` is not allowed in NODE_OPTIONS).
 */
export function startChild(script: string, args: readonly string[], ready: RegExp, env?: NodeJS.ProcessEnv, nodeArgs?: readonly string[]): Promise<RunningChild> {
  const child = spawnTs(script, args, env, 'pipe', nodeArgs);
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolvePromise({ process: child, announced: match[1] ?? '', stop: () => stopChild(child) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
}

/** The node options `npm start` gives the server (`exec node <these> --import tsx src/main.ts serve`). */
export const START_NODE_OPTIONS: readonly string[] = (() => {
  const start = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return / node (.*?) --import /.exec(start)?.[1]?.split(' ') ?? [];
})();

/**
 * Starts our server as `npm start` does (`src/main.ts serve` with START_NODE_OPTIONS, NODE_ENV=production, silent, a
 * free port on 127.0.0.1) with `env` on top of this process's environment less its GLANCE_* settings; `announced` is
 * the GraphQL URL. `nodeArgs` go to node itself (`--cpu-prof`); `checkout` is the working tree whose server runs (another
 * commit's, checked out with `git worktree add`, to compare two servers in one run).
 */
export function startServe(env: Record<string, string>, nodeArgs?: readonly string[], checkout = REPO_ROOT): Promise<RunningChild> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GLANCE_')));
  return startChild(resolve(checkout, 'src/main.ts'), ['serve'], /serving (http:\S+)[ \n]/, {
    ...inherited, NODE_ENV: 'production', GLANCE_HOST: '127.0.0.1', GLANCE_PORT: '0', GLANCE_LOG_LEVEL: 'silent', ...env,
  }, [...START_NODE_OPTIONS, ...(nodeArgs ?? [])]);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

/** Runs a script to completion with inherited output; resolves with its exit code. */
export function runToEnd(script: string, args: readonly string[]): Promise<number> {
  const child = spawnTs(script, args, process.env, 'inherit');
  return new Promise((resolvePromise) => child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0))));
}

export interface ProcessStat {
  command: string;
  parentPid: number;
  /** User + system CPU milliseconds used so far, all threads (Linux counts clock ticks of 10 ms). */
  cpuMs: number;
}

/** What /proc/<pid>/stat says of a running process; null when it has ended. */
export function processStat(pid: number | string): ProcessStat | null {
  return statAt(`/proc/${pid}/stat`);
}

/** CPU milliseconds a process used so far on its main thread (JavaScript) and on all its other threads. */
export function threadCpuMs(pid: number): { main: number; others: number } {
  let others = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    if (Number(thread) !== pid) others += statAt(`/proc/${pid}/task/${thread}/stat`)?.cpuMs ?? 0;
  }
  return { main: statAt(`/proc/${pid}/task/${pid}/stat`)?.cpuMs ?? 0, others };
}

function statAt(path: string): ProcessStat | null {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  // The command is in parentheses and may itself hold spaces or parentheses; the fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), parentPid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}
