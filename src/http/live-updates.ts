// Live updates on the API port: WebSocket at /graphql, SSE at /graphql/stream, both ended as the server closes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { LiveDeps } from './live-operations.js';
import { serveLiveSse } from './live-sse.js';
import { serveLiveWebSocket } from './live-websocket.js';

export function serveLiveUpdates(server: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>, deps: LiveDeps): void {
  const closeWebSockets = serveLiveWebSocket(server.server, deps);
  const endStreams = serveLiveSse(server, deps);
  // Before the HTTP server closes, which waits for its connections to end.
  server.addHook('preClose', async () => {
    endStreams();
    await closeWebSockets();
  });
}
