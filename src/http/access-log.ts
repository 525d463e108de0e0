// One JSON log line per request (method, route, status, duration, GraphQL operation, caller, request id), and the
// request id in the x-request-id response header.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Server } from './fastify-server.js';
import { currentRequest, runInRequest } from './request-scope.js';

export function registerAccessLog(server: Server): void {
  server.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    runInRequest(request.id, done);
  });
  server.addHook('onResponse', async (request, reply) => {
    const { userId, projectId, operationName, operationType } = currentRequest() ?? {};
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        operationName,
        operationType,
        userId,
        projectId,
      },
      'request completed',
    );
  });
}

/** Tells the access log which operation a GraphQL request ran. */
export const noteGraphQLOperation: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, operation }) {
        const facts = currentRequest();
        if (facts) Object.assign(facts, { operationName, operationType: operation?.operation });
      },
    };
  },
};
