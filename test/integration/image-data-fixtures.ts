// Byte-endpoint helpers for image data tests: uploads (whole, or held open and fed by the test), downloads, what
// the store directory holds, and a small HTTP server standing in for remote image locations.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ImageDataDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';

export const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
export const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('hex');
export const bytes = (length: number) => randomBytes(length);

const auth = (client: GraphQLClient): Record<string, string> => (client.token ? { authorization: `Bearer ${client.token}` } : {});
const fileUrl = (client: GraphQLClient, id: string) => `${client.baseUrl}/v2/images/${id}/file`;

export function upload(client: GraphQLClient, id: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(fileUrl(client, id), {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', ...auth(client), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

export function download(client: GraphQLClient, id: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(fileUrl(client, id), { headers: { ...auth(client), ...headers } });
}

/** The JSON error of a byte-endpoint response: its HTTP status and `extensions.code`. */
export async function expectHttpError(response: Response, status: number, code: string): Promise<string> {
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect({ status: response.status, code: body.errors[0]?.extensions.code }).toEqual({ status, code });
  return body.errors[0]!.message;
}

/** An upload whose body the test feeds chunk by chunk (chunked encoding: no Content-Length). */
export interface HeldUpload {
  send(chunk: Buffer): void;
  finish(): void;
  /** Drops the connection mid-body, as a client that dies does. */
  abort(): void;
  /** The server's answer; it may come before the body is finished. */
  response: Promise<Response>;
}

export function heldUpload(client: GraphQLClient, id: string): HeldUpload {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const aborter = new AbortController();
  const response = fetch(fileUrl(client, id), {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', ...auth(client) },
    body,
    duplex: 'half',
    signal: aborter.signal,
  } as RequestInit);
  response.catch(() => undefined);
  return {
    send: (chunk) => controller.enqueue(new Uint8Array(chunk)),
    finish: () => controller.close(),
    abort: () => aborter.abort(),
    response,
  };
}

/** Starts a held upload and waits until the server has the image in SAVING. */
export async function startSaving(client: GraphQLClient, id: string, first = bytes(1024)): Promise<HeldUpload> {
  const held = heldUpload(client, id);
  held.send(first);
  await expect.poll(async () => (await client.data(ImageDataDocument, { id })).image?.status, { timeout: 10_000, interval: 20 }).toBe('SAVING');
  return held;
}

/** Files in the store directory: committed data (`<image id>`) and partial uploads (`.partial/…`). */
export function storeFiles(dataDir: string): string[] {
  const root = join(dataDir, 'images');
  if (!existsSync(root)) return [];
  const partial = join(root, '.partial');
  const partials = existsSync(partial) ? readdirSync(partial).map((name) => `.partial/${name}`) : [];
  return [...readdirSync(root).filter((name) => name !== '.partial'), ...partials].sort();
}

/**
 * A plain HTTP server standing in for remote data: `/data/<n>` has n bytes, `/empty` none, anything else 404.
 * `/slow/<n>` is `/data/<n>` answered only when the test releases it (see holdNext).
 */
export interface RemoteData {
  server: Server;
  port: number;
  url(path: string): string;
  /** The bytes served at `/data/<n>`. */
  content(length: number): Buffer;
  /** Holds the next request for `/slow/<n>`: `arrived` resolves when it comes in, `release` lets it be answered. */
  holdNext(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

interface Hold {
  arrive(): void;
  released: Promise<void>;
}

export async function startRemoteData(): Promise<RemoteData> {
  const content = (length: number) => Buffer.alloc(length, 'glance');
  const holds: Hold[] = [];
  const server = createServer(async (request, response) => {
    const match = /^\/(data|slow)\/(\d+)/.exec(request.url ?? '');
    if (request.url === '/empty') return response.writeHead(200, { 'content-length': 0 }).end();
    if (!match) return response.writeHead(404).end();
    if (match[1] === 'slow') {
      const hold = holds.shift();
      hold?.arrive();
      await hold?.released;
    }
    const data = content(Number(match[2]));
    response.writeHead(200, { 'content-length': data.length, 'content-type': 'application/octet-stream' });
    response.end(request.method === 'HEAD' ? undefined : data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    content,
    holdNext: () => {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      holds.push({ arrive, released: new Promise<void>((resolve) => (release = resolve)) });
      return { arrived, release };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
