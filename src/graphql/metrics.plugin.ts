// Counts each GraphQL operation (name, type, result) and each error it answered (code) for /metrics.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Counter } from 'prom-client';
import type { GraphQLContext } from './context.js';

export interface GraphQLCounters {
  operations: Counter<'operation' | 'type' | 'result'>;
  errors: Counter<'code'>;
}

interface CodedError {
  extensions?: { code?: unknown };
}

export function graphqlMetricsPlugin({ operations, errors }: GraphQLCounters): ApolloServerPlugin<GraphQLContext> {
  const countErrors = (answered: readonly CodedError[]) => {
    for (const error of answered) errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
  };
  return {
    // A request refused before it has a context (a bad token) never reaches requestDidStart.
    async contextCreationDidFail({ error }) {
      operations.inc({ operation: '', type: 'unknown', result: 'error' });
      countErrors([error as CodedError]);
    },
    async requestDidStart() {
      return {
        async willSendResponse({ operationName, operation, response }) {
          const answered = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          operations.inc({ operation: operationName ?? '', type: operation?.operation ?? 'unknown', result: answered.length ? 'error' : 'success' });
          countErrors(answered);
        },
      };
    },
  };
}
