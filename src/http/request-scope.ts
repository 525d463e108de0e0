// What is known about the request being served, wherever its work runs: its id (the client's x-request-id when
// sane, else a new one) and, for the access log, who made it and which GraphQL operation it ran.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from '../domain/identity.js';

export interface RequestFacts {
  readonly requestId: string;
  userId?: string;
  projectId?: string | null;
  operationName?: string | null;
  operationType?: string;
}

/** A token safe to copy into logs and headers: no spaces, quotes or control characters, at most 128 characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,127}$/;

const scope = new AsyncLocalStorage<RequestFacts>();

/** The client's (or a trusted proxy's) x-request-id if it is a sane token, else a new UUID. */
export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` (and everything it starts) as part of the request `requestId`. */
export function runInRequest(requestId: string, work: () => void): void {
  scope.run({ requestId }, work);
}

export function currentRequest(): RequestFacts | undefined {
  return scope.getStore();
}

export function noteCaller(identity: Identity | null): void {
  const facts = scope.getStore();
  if (facts && identity) Object.assign(facts, { userId: identity.userId, projectId: identity.projectId });
}
