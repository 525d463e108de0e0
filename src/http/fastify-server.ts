// The Fastify instance type every route module receives: the default HTTP server, logging with our pino logger.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import type { Logger } from 'pino';

export type Server = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>;
