// Cross-origin access for browser frontends served from other origins (oslo.middleware's cors_allowed_origin):
// listed origins get CORS headers and preflight answers on every route; any other origin gets no CORS headers at
// all, so the browser keeps the same-origin rule. Apollo's CSRF prevention stays on underneath.
import fastifyCors from '@fastify/cors';
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/index.js';

/** What a frontend sends: its token, JSON, Apollo's CSRF header, a request id, and the byte routes' headers. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight', 'x-request-id', 'range', 'content-md5'];
/** What a frontend may read beyond the CORS-safelisted response headers: the byte routes' and the request id. */
const EXPOSED_HEADERS = ['content-md5', 'content-range', 'content-length', 'x-request-id'];

export async function registerCors<Logger extends FastifyBaseLogger>(
  server: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>,
  config: Pick<Config, 'cors_allowed_origin'>,
): Promise<void> {
  if (config.cors_allowed_origin.length === 0) return;
  const allowed = new Set(config.cors_allowed_origin);
  await server.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    // Browsers cache a preflight answer for this long (seconds); Chromium caps it at two hours.
    maxAge: 600,
  });
}
