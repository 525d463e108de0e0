// GraphQL over Server-Sent Events (graphql-sse, distinct connections mode) at /graphql/stream: one operation per
// request, for clients behind proxies that drop WebSockets, and for curl.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { createGraphQLContext, type GraphQLContext } from '../graphql/context.js';
import { authenticateSubscriber, liveExecution, onExpiry, type LiveDeps, type Subscriber } from './live-operations.js';

/** graphql-sse wants a context with an index signature, which an interface does not declare. */
type SseContext = GraphQLContext & Record<PropertyKey, unknown>;

const UNAUTHENTICATED_BODY = JSON.stringify({
  errors: [{ message: 'authentication required: send Authorization: Bearer <token>', extensions: { code: 'UNAUTHENTICATED' } }],
});

/** Registers the SSE route; returns what ends the streams still open (the server is stopping). */
export function serveLiveSse(server: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>, deps: LiveDeps): () => void {
  const { app } = deps;
  const execution = liveExecution(deps);
  const subscribers = new WeakMap<FastifyRequest, Subscriber>();
  const open = new Set<FastifyReply>();
  const handler = createHandler<SseContext>({
    schema: deps.schema,
    validate: execution.validate,
    subscribe: execution.subscribe,
    // No single connection mode: every request carries its own operation and credentials.
    authenticate: () => null,
    onConnect: async (request) => {
      const subscriber = await authenticateSubscriber(deps.authenticator, request.raw.headers);
      if (!subscriber) return [UNAUTHENTICATED_BODY, { status: 401, statusText: 'Unauthorized' }];
      subscribers.set(request.raw, subscriber);
    },
    context: (request) => {
      const { reply } = request.context;
      const end = () => reply.raw.destroy();
      const cancel = onExpiry(subscribers.get(request.raw)!, end);
      open.add(reply);
      reply.raw.once('close', () => {
        cancel();
        open.delete(reply);
      });
      const context = createGraphQLContext(app, subscribers.get(request.raw)!.identity, (reason) => {
        app.logger.warn({ reason }, 'live updates: disconnecting an SSE subscriber');
        end();
      });
      return context as SseContext;
    },
    onNext: (_context, _request, result) => execution.formatResult(result),
  });
  server.all('/graphql/stream', async (request, reply) => {
    try {
      await handler(request, reply);
    } catch (error) {
      app.logger.error({ err: error }, 'live updates: an SSE request failed');
      if (!reply.sent) await reply.status(500).send({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  // Ended, not cut: the client sees the stream finish without `complete`, as when a proxy drops it, and reconnects.
  return () => open.forEach((reply) => reply.raw.end());
}
