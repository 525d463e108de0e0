// Opens the body of a URL that passed the outbound filter. The address is checked again at connect time, inside
// the socket's own DNS lookup, so a name that re-resolves to an internal address between check and connect
// (DNS rebinding) is still refused; each redirect hop goes through the whole filter again. Messages name URLs
// redacted: they reach tasks' readers and logs, and signed URLs carry credentials in the query string.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { InvalidInputError } from '../errors.js';
import { redactedUrl } from './redacted-url.js';
import {
  assertOutboundUrlAllowed, comparableHost, describeAddress, isExplicitlyAllowedHost, isInternalAddress, type OutboundUrlRules,
} from './url-filter.js';

export interface OutboundResponse {
  /** The URL that answered, after redirects. */
  url: URL;
  status: number;
  /** The Content-Length header, when the server sent a valid one. */
  contentLength: number | null;
  /** The response body; the caller must consume or destroy it. */
  body: IncomingMessage;
}

export interface OutboundRequestOptions {
  method?: 'GET' | 'HEAD';
  /** Milliseconds without any network activity before the request fails (default 30 s). */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Redirects followed at most; each target is filtered like the first URL.
const MAX_REDIRECTS = 5;

/**
 * Requests `url` (GET by default) after checking it and every redirect against `rules`. Resolves with a 2xx
 * response; any refusal, network failure or other HTTP status throws BAD_USER_INPUT with a message a person reads.
 */
export async function openOutboundUrl(
  url: string,
  rules: OutboundUrlRules,
  options: OutboundRequestOptions = {},
): Promise<OutboundResponse> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const target = await assertOutboundUrlAllowed(current, rules);
    const response = await requestOnce(target, rules, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw new InvalidInputError(`${redactedUrl(url)} redirected more than ${MAX_REDIRECTS} times`);
      current = new URL(location, target).href;
      continue;
    }
    if (status < 200 || status > 299) {
      response.resume();
      throw new InvalidInputError(`${redactedUrl(target)} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`);
    }
    return { url: target, status, contentLength: parseLength(response.headers['content-length']), body: response };
  }
}

function requestOnce(target: URL, rules: OutboundUrlRules, options: OutboundRequestOptions): Promise<IncomingMessage> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target, {
      method: options.method ?? 'GET',
      agent: false,
      signal: options.signal,
      headers: { 'user-agent': 'glance-graphql' },
      lookup: isExplicitlyAllowedHost(target, rules) ? dnsLookup : refusingInternalLookup,
    });
    request.setTimeout(options.idleTimeoutMs ?? 30_000, () => {
      request.destroy(new InvalidInputError(`${redactedUrl(target)} did not answer within ${(options.idleTimeoutMs ?? 30_000) / 1000} s`));
    });
    request.once('response', resolve);
    request.once('error', (error) => reject(describeNetworkError(target, error)));
    request.end();
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup for sockets that fails when any address of the host is internal. */
function refusingInternalLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const internal = addresses.find(({ address }) => isInternalAddress(address));
    if (internal) {
      const host = comparableHost(hostname);
      return callback(new InvalidInputError(`host ${host} now resolves to ${describeAddress(internal.address)}, an internal address`), []);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    return callback(null, first!.address, first!.family);
  });
}

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
};

function describeNetworkError(target: URL, error: Error): Error {
  if (error instanceof InvalidInputError || error.name === 'AbortError') return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = NETWORK_ERRORS[code] ?? error.message;
  return new InvalidInputError(`could not fetch ${redactedUrl(target)}: ${reason}`);
}

function parseLength(header: string | undefined): number | null {
  if (!header || !/^\d+$/.test(header)) return null;
  return Number(header);
}
