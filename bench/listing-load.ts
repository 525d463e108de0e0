// What the listing benchmarks send and how they load a server: the member's `images(first: 50)` page, posted by
// autocannon after a warm-up; several targets loaded at once have their figures combined (replicas).
import autocannon from 'autocannon';
import type { Config } from '../src/config/index.js';
import { loadJwtSecret, signToken } from '../src/http/auth.js';
import { MEMBER_PROJECT } from './dataset.js';

export const PAGE = 'edges { node { id name status tags properties { key value } } }';
export const FIRST_PAGE = `query FirstPage { images(first: 50) { ${PAGE} } }`;

export interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Measured {
  label: string;
  requestsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Load {
  connections: number;
  /** Seconds measured, after `warmup` seconds that are not. */
  duration: number;
  warmup: number;
}

// A request slower than this counts as failed: on the shared 2-core machine, under load, autocannon's 10 s was hit.
const REQUEST_TIMEOUT_SECONDS = 30;

/** Headers of a member of MEMBER_PROJECT, with a token signed by the configuration's secret. */
export async function memberHeaders(config: Config): Promise<Record<string, string>> {
  const token = await signToken(loadJwtSecret(config), { userId: 'alice', projectId: MEMBER_PROJECT, roles: ['member'], expiresIn: '2h' });
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

export async function post(target: Target): Promise<unknown> {
  const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  const body = (await response.json()) as { errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${target.label}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/**
 * Loads every target at once, `load.connections` split evenly between them; requests/s are summed, the mean
 * latency is weighted by requests, and p50/p99 are the worst target's.
 */
export async function measure(targets: Target[], load: Load, label = targets[0]!.label): Promise<Measured> {
  const run = (duration: number) =>
    Promise.all(targets.map((target) => autocannon({
      url: target.url, method: 'POST', headers: target.headers, body: target.body, connections: Math.max(1, Math.round(load.connections / targets.length)), duration,
      timeout: REQUEST_TIMEOUT_SECONDS,
    })));
  await run(load.warmup);
  const results = await run(load.duration);
  for (const result of results) {
    if (result.errors || result.timeouts || result.non2xx) throw new Error(`${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
  }
  const requestsPerSecond = results.reduce((sum, result) => sum + result.requests.average, 0);
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  return {
    label,
    requestsPerSecond,
    meanMs: results.reduce((sum, result) => sum + result.latency.average * result.requests.total, 0) / Math.max(1, total),
    p50Ms: Math.max(...results.map((result) => result.latency.p50)),
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
  };
}
