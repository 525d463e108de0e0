// The byte endpoints beside /graphql, on Glance's paths and with the same bearer tokens: PUT and GET
// /v2/images/:id/file. Errors answer Glance's HTTP status with the JSON shape and codes of GraphQL errors.
// Glance: glance/api/v2/image_data.py RequestDeserializer.upload, ResponseSerializer.download
import type { Socket } from 'node:net';
import { finished, PassThrough, type Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRequestServices, type App, type RequestServices } from '../app.js';
import { databaseFailureForClient } from '../domain/database-contention.js';
import { DomainError, UnauthenticatedError } from '../domain/errors.js';
import { ImageDataUnavailableError } from '../domain/images/image-data.service.js';
import { storageFullError } from '../domain/storage-full.js';
import { single, type Authenticator } from './auth.js';
import { parseByteRange } from './byte-range.js';
import { errorBody, type HttpErrorCode } from './error-body.js';
import type { Server } from './fastify-server.js';
import { HTTP_STATUS } from './http-status.js';

export interface ImageDataRouteDeps {
  app: App;
  authenticator: Authenticator;
}

interface ImageRoute {
  Params: { id: string };
}

const OCTET_STREAM = 'application/octet-stream';

export async function registerImageDataRoutes(server: Server, deps: ImageDataRouteDeps): Promise<void> {
  const uploads = new UploadsInFlight();
  // Shutdown interrupts running uploads at once (they may last hours), before the database closes: each fails like
  // any other (image QUEUED again, no data left) and is answered 503.
  server.addHook('preClose', () => uploads.interruptAll());
  await server.register(async (scope) => {
    // The body reaches the handler as the request stream itself: never buffered, and bodyLimit does not apply.
    scope.addContentTypeParser(OCTET_STREAM, (_request, payload, done) => done(null, payload));

    scope.put<ImageRoute>('/v2/images/:id/file', { onRequest: requireOctetStream }, async (request, reply) => {
      const connection = request.raw.socket;
      try {
        const services = await callerServices(deps, request);
        const body = (request.body as Readable | undefined) ?? request.raw;
        await uploads.run(body, (source) => services.imageData.upload(request.params.id, source, declaredLength(request), request.log));
        return await reply.code(204).send();
      } catch (error) {
        return failed(request, reply, connection, error);
      }
    });

    scope.get<ImageRoute>('/v2/images/:id/file', async (request, reply) => {
      const connection = request.raw.socket;
      try {
        const services = await callerServices(deps, request);
        const data = await services.imageData.download(request.params.id, request.log);
        if (!data) return await reply.code(204).send();
        const range = parseByteRange(single(request.headers.range), data.size);
        if (range === 'unsatisfiable') {
          reply.header('content-range', `bytes */${data.size}`);
          return await sendError(reply, 416, 'BAD_USER_INPUT', `the Range header asks for bytes outside the ${data.size} bytes of data`);
        }
        const body = await data.open(range ?? undefined);
        reply.header('content-type', OCTET_STREAM).header('accept-ranges', 'bytes');
        if (range) {
          reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${data.size}`);
          reply.header('content-length', range.end - range.start + 1);
        } else {
          reply.header('content-length', data.size);
          // Glance sends the image's MD5 as hex here; it describes the whole data, so ranges go without it.
          if (data.checksum) reply.header('content-md5', data.checksum);
        }
        return await reply.send(body);
      } catch (error) {
        return failed(request, reply, connection, error);
      }
    });
  });
}

/** Glance answers 415 to an upload that is not application/octet-stream, before reading anything. */
async function requireOctetStream(request: FastifyRequest, reply: FastifyReply) {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type === OCTET_STREAM) return;
  reply.header('connection', 'close');
  return sendError(reply, 415, 'BAD_USER_INPUT', `upload image data with Content-Type: ${OCTET_STREAM}`);
}

async function callerServices(deps: ImageDataRouteDeps, request: FastifyRequest): Promise<RequestServices> {
  const identity = await deps.authenticator(request.raw.headersDistinct);
  if (!identity) throw new UnauthenticatedError('authentication required: send Authorization: Bearer <token>');
  return createRequestServices(deps.app, identity);
}

/**
 * Answers a failed transfer. `connection` is the request's socket as it was when the request began: the request
 * stream lets go of it (and counts as destroyed) once its body is read or the store stops reading it, so only the
 * socket tells whether the client is still there.
 */
function failed(request: FastifyRequest, reply: FastifyReply, connection: Socket | null, failure: unknown) {
  const error = databaseFailureForClient(failure);
  // An upload that failed midway leaves the rest of its body unread: end the connection rather than read it.
  if (request.method === 'PUT') reply.header('connection', 'close');
  if (error instanceof DomainError) return sendError(reply, HTTP_STATUS[error.code], error.code, error.message);
  if (error instanceof ServerStoppingError) return sendError(reply, 503, 'SERVICE_UNAVAILABLE', error.message);
  const storageFull = storageFullError(error);
  if (storageFull) {
    request.log.error({ err: error, url: request.url }, 'image data transfer failed: no storage left');
    return sendError(reply, HTTP_STATUS[storageFull.code], storageFull.code, storageFull.message);
  }
  if (!connection || connection.destroyed || reply.raw.destroyed) {
    // The client hung up, or shutdown cut its connection: there is nobody to answer.
    request.log.info({ err: error, url: request.url }, 'image data transfer interrupted');
    return reply.hijack();
  }
  if (error instanceof ImageDataUnavailableError) {
    request.log.error({ err: error, imageId: error.imageId }, 'image data cannot be read from any of its locations');
    return sendError(reply, 503, 'SERVICE_UNAVAILABLE', error.message);
  }
  // A fault of the server (disk, database): the app's error handler logs it and answers 500 INTERNAL_SERVER_ERROR
  // with a generic message. The wrapper names the request in that log.
  throw new Error(`${request.method} ${request.url} failed`, { cause: error });
}

function sendError(reply: FastifyReply, status: number, code: HttpErrorCode, message: string) {
  return reply.code(status).type('application/json').send(errorBody(code, message, reply.request.id));
}

function declaredLength(request: FastifyRequest): number | null {
  const header = single(request.headers['content-length']);
  return header && /^\d+$/.test(header) ? Number(header) : null;
}


class ServerStoppingError extends Error {
  constructor() {
    super('the server is shutting down: upload the data again later');
  }
}

/**
 * Uploads being received, so shutdown can interrupt them and wait until each has put its image back. The store
 * reads each body through a stream of its own, which shutdown fails; the request itself stays open to be answered.
 */
class UploadsInFlight {
  private readonly running = new Map<() => void, Promise<void>>();

  async run(body: Readable, upload: (source: Readable) => Promise<void>): Promise<void> {
    const source = body.pipe(new PassThrough());
    // A client that goes away fails the upload as it did when the store read the request directly.
    finished(body, (error) => error && source.destroy(error));
    const interrupt = () => {
      body.unpipe(source);
      source.destroy(new ServerStoppingError());
    };
    const uploaded = upload(source);
    this.running.set(interrupt, uploaded.catch(() => undefined));
    try {
      await uploaded;
    } finally {
      this.running.delete(interrupt);
    }
  }

  async interruptAll(): Promise<void> {
    const running = [...this.running];
    for (const [interrupt] of running) interrupt();
    await Promise.all(running.map(([, settled]) => settled));
  }
}
