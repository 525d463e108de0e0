// What the two live transports (WebSocket, SSE) share: who the subscriber is and until when, the request-shape
// limits /graphql applies, and the one error formatter, so a subscription fails as a query would.
import { parse, specifiedRules, validate, type ExecutionResult, type Source, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { App } from '../app.js';
import { DomainError } from '../domain/errors.js';
import type { Identity } from '../domain/identity.js';
import { createErrorFormatter } from '../graphql/errors.js';
import { createSharedSubscribe } from '../graphql/shared-execution.js';
import { tokenExpiry, type Authenticator, type RequestHeaders } from './auth.js';

export interface LiveDeps {
  app: App;
  authenticator: Authenticator;
  schema: GraphQLSchema;
  /** The request-shape rules /graphql validates with (depth, aliases, directives). */
  validationRules: readonly ValidationRule[];
}

export interface Subscriber {
  identity: Identity;
  /** When its token expires and the connection with it; null for credentials that do not expire. */
  expiresAt: Date | null;
}

/** As /graphql counts them. */
const MAX_TOKENS = 5_000;

/** The subscriber the headers name, or null for missing or bad credentials. */
export async function authenticateSubscriber(authenticator: Authenticator, headers: RequestHeaders): Promise<Subscriber | null> {
  try {
    const identity = await authenticator(headers);
    return identity && { identity, expiresAt: tokenExpiry(headers) };
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** The longest a Node timer waits (about 24.8 days); a longer delay would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `expire` when the subscriber's token expires, however far off; returns what cancels it. */
export function onExpiry({ expiresAt }: Subscriber, expire: () => void): () => void {
  if (!expiresAt) return () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const wait = () => {
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) return expire();
    timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
  };
  wait();
  return () => clearTimeout(timer);
}

export function liveExecution(deps: LiveDeps) {
  // A subscription is no HTTP request: its errors carry no request id.
  const format = createErrorFormatter(deps.app.logger, () => undefined);
  const rules = [...specifiedRules, ...deps.validationRules];
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));
  return {
    parse: (source: string | Source) => parse(source, { maxTokens: MAX_TOKENS }),
    validate: (schema: GraphQLSchema, document: Parameters<typeof validate>[1]) => validate(schema, document, rules),
    formatErrors,
    subscribe: createSharedSubscribe(),
    // The transports send a result as JSON, in which a formatted error reads as the GraphQLError it stands for.
    formatResult: <R extends Pick<ExecutionResult, 'errors'>>(result: R): R =>
      result.errors ? ({ ...result, errors: formatErrors(result.errors) } as unknown as R) : result,
  };
}
