// Live-update clients for tests: the graphql-ws and graphql-sse client libraries against the real server, and a
// recorder of what one subscription receives.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';

export interface Recording<TData> {
  results: FormattedExecutionResult<TData, unknown>[];
  /** Resolves when the server completes the subscription; rejects on a transport error (the close event for WebSocket). */
  ended: Promise<void>;
  /** Waits until `count` results have arrived. */
  received(count: number): Promise<FormattedExecutionResult<TData, unknown>[]>;
  stop(): void;
}

/** A graphql-ws client for `baseUrl` (http://...), sending `token` in connection_init; it never reconnects. */
export function liveSocket(baseUrl: string, token: string | null, options: { onClosed?: (event: unknown) => void } = {}): Client {
  return createWsClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => options.onClosed?.(event) },
  });
}

/** A graphql-sse client (distinct connections mode) for `baseUrl` with `token` in the Authorization header. */
export function liveStream(baseUrl: string, token: string) {
  return createSseClient({ url: `${baseUrl}/graphql/stream`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
}

type Subscribable = Pick<Client, 'subscribe'>;

export function record<TData, TVariables>(
  client: Subscribable,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Recording<TData> {
  const results: FormattedExecutionResult<TData, unknown>[] = [];
  let stop = () => undefined as void;
  const ended = new Promise<void>((resolve, reject) => {
    stop = client.subscribe<TData>(
      { query: print(document), variables: variables as Record<string, unknown> | undefined },
      { next: (result) => void results.push(result), complete: resolve, error: reject },
    );
  });
  ended.catch(() => undefined);
  return {
    results,
    ended,
    received: async (count) => {
      await expect.poll(() => results.length, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(count);
      return results.slice(0, count);
    },
    stop: () => stop(),
  };
}

/**
 * Lets just-opened subscriptions reach the server before the test changes anything: a query's round trip on the
 * same connection, and a moment for the subscriptions' own first read.
 */
export async function settled(client: Subscribable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    client.subscribe({ query: '{ viewer { userId } }' }, { next: () => undefined, complete: resolve, error: reject });
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
}
