// GraphQL over WebSocket (the graphql-transport-ws protocol, served by graphql-ws) at /graphql on the API port.
// The token comes in connection_init's payload or the upgrade request's Authorization header.
import type { Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createGraphQLContext } from '../graphql/context.js';
import { authenticateSubscriber, liveExecution, onExpiry, type LiveDeps, type Subscriber } from './live-operations.js';

/** How long a connection may stay open without sending connection_init. */
export const CONNECTION_INIT_TIMEOUT_MS = 5_000;

/** What a connection carries once connection_init is accepted. */
type Connection = { subscriber: Subscriber };

/** Serves subscriptions over WebSocket on `http`'s upgrade requests for /graphql; returns what closes them all. */
export function serveLiveWebSocket(http: Server, deps: LiveDeps): () => Promise<void> {
  const { app } = deps;
  const wss = new WebSocketServer({ noServer: true });
  const execution = liveExecution(deps);
  http.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://host').pathname !== '/graphql') return void socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const server = useServer<Record<string, unknown> | undefined, Connection>(
    {
      schema: deps.schema,
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      parse: execution.parse,
      validate: execution.validate,
      subscribe: execution.subscribe,
      onConnect: async (ctx) => {
        const param = ctx.connectionParams?.authorization;
        const authorization = typeof param === 'string' ? param : ctx.extra.request.headers.authorization;
        const subscriber = await authenticateSubscriber(deps.authenticator, { ...ctx.extra.request.headers, authorization });
        if (!subscriber) {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: send a valid token as connection_init { authorization: "Bearer ..." }');
          return false;
        }
        ctx.extra.subscriber = subscriber;
        const cancel = onExpiry(subscriber, () => ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: the token has expired'));
        ctx.extra.socket.once('close', cancel);
        return true;
      },
      onSubscribe: (ctx) => {
        const limit = app.config.max_subscriptions_per_connection;
        if (Object.keys(ctx.subscriptions).length <= limit) return;
        const message = `a connection may hold at most ${limit} subscriptions (max_subscriptions_per_connection)`;
        return [new GraphQLError(message, { extensions: { code: 'PAYLOAD_TOO_LARGE' } })];
      },
      context: (ctx) =>
        createGraphQLContext(app, ctx.extra.subscriber!.identity, (reason) => {
          app.logger.warn({ reason }, 'live updates: disconnecting a WebSocket subscriber');
          ctx.extra.socket.terminate();
        }),
      onNext: (_ctx, _id, _payload, _args, result) => execution.formatResult(result),
      onError: (_ctx, _id, _payload, errors) => execution.formatErrors(errors),
    },
    wss,
  );
  return async () => server.dispose();
}
