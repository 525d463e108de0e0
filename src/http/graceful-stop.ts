// How the HTTP server stops: requests arriving meanwhile are answered 503, and each connection is ended as soon as
// it carries no request. Node's close() ends only the connections idle at that moment, and not one that never sent
// a request; keep-alive connections whose request finishes later would stay open until shutdown_timeout cuts them.
import type { Socket } from 'node:net';
import { errorBody } from './error-body.js';
import type { Server } from './fastify-server.js';

export function registerGracefulStop(server: Server): void {
  const inFlight = new Map<Socket, number>();
  let stopping = false;
  server.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  // An upgraded connection (a live-update WebSocket) carries no request, but is not idle: live-updates.ts closes it.
  server.server.on('upgrade', (_request, socket: Socket) => inFlight.delete(socket));
  server.server.on('request', (request, response) => {
    const socket: Socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      // end(), not destroy(): the response's last bytes may still be waiting to be written.
      if (stopping && left === 0) socket.end();
    });
  });
  server.addHook('preClose', async () => {
    stopping = true;
    for (const [socket, requests] of inFlight) if (requests === 0) socket.destroy();
  });
  server.addHook('onRequest', async (request, reply) => {
    if (!stopping) return;
    reply.code(503).header('connection', 'close');
    return reply.send(errorBody('SERVICE_UNAVAILABLE', 'the server is shutting down: try again later', request.id));
  });
}
