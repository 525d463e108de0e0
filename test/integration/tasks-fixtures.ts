// What the import-task tests share: a local HTTP server serving image data on loopback (allowed through the
// outbound filter by the server config below), the input of an import, and waiting for a task to finish.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { GetTaskDocument, type CreateTaskInput } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';

export const RAW_DATA = randomBytes(1024 * 1024 + 17);
export const QCOW2_DATA = (() => {
  const data = randomBytes(256 * 1024);
  data.fill(0, 0, 104);
  data.write('QFI\xfb', 0, 'latin1');
  data.writeUInt32BE(3, 4);
  return data;
})();

export const digestOf = (data: Buffer) => ({
  checksum: createHash('md5').update(data).digest('hex'),
  osHashValue: createHash('sha512').update(data).digest('hex'),
});

export interface ImageSource {
  url(path: string): string;
  port: number;
  /** Requests that reached /slow and are being held open. */
  heldOpen(): number;
  /** Answers the requests to /gated.raw, held until now before any header, and later ones, with HTTP 404. */
  openGate(): void;
  close(): Promise<void>;
}

export async function startImageSource(): Promise<ImageSource> {
  const held = new Set<ServerResponse>();
  let openGate!: () => void;
  const gateOpened = new Promise<void>((resolve) => (openGate = resolve));
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const send = (data: Buffer, headers: Record<string, string> = {}) =>
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length), ...headers }).end(data);
    switch (path) {
      case '/image.raw':
        return send(RAW_DATA);
      case '/image.qcow2':
        return send(QCOW2_DATA);
      case '/big':
        // Announces more than the test server's image_size_cap; the import must refuse it before reading.
        response.writeHead(200, { 'content-length': String(3 * 1024 * 1024) });
        return void response.write(RAW_DATA);
      case '/redirect':
        return void response.writeHead(302, { location: '/image.raw' }).end();
      case '/chunked.raw':
        // No Content-Length: the size cap has to stop the stream while it flows.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void response.end(RAW_DATA);
      case '/broken.raw':
        response.writeHead(200, { 'content-length': String(RAW_DATA.length) });
        response.write(RAW_DATA.subarray(0, 64 * 1024));
        return void setImmediate(() => response.socket?.destroy());
      case '/slow.raw':
        response.writeHead(200, { 'content-length': String(RAW_DATA.length) });
        response.write(RAW_DATA.subarray(0, 64 * 1024));
        held.add(response);
        return void response.on('close', () => held.delete(response));
      case '/gated.raw':
        // No header until the test opens the gate, so the import's image stays QUEUED meanwhile.
        return void gateOpened.then(() => response.writeHead(404, { 'content-type': 'text/plain' }).end('not here'));
      default:
        return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    heldOpen: () => held.size,
    openGate,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RefusedPort {
  port: number;
  url(path: string): string;
  release(): Promise<void>;
}

/**
 * A loopback port where nothing listens, held until release(): it is the local end of an open connection to a
 * throwaway server, so connecting to it is refused and no other process can start listening on it meanwhile
 * (unlike the port of a server that was just closed).
 */
export async function holdRefusedPort(): Promise<RefusedPort> {
  const server = createTcpServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const connection = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(connection, 'connect');
  const port = connection.localPort!;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    release: async () => {
      connection.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Server config that lets imports reach the local source (and only it). */
export const sourceConfig = (source: Pick<ImageSource, 'port'>, extra: Record<string, unknown> = {}) => ({
  allowed_hosts: ['127.0.0.1'],
  allowed_ports: [source.port],
  ...extra,
});

export function importInput(importFrom: string, overrides: Partial<CreateTaskInput['input']> = {}): CreateTaskInput {
  return {
    type: 'IMPORT',
    input: {
      importFrom,
      importFromFormat: 'RAW',
      imageProperties: { name: 'imported', containerFormat: 'BARE' },
      ...overrides,
    },
  };
}

/** The task once it reached SUCCESS or FAILURE (the executor runs in the background). */
export function finishedTask(client: GraphQLClient, id: string) {
  return vi.waitFor(
    async () => {
      const { task } = await client.data(GetTaskDocument, { id });
      if (task?.status !== 'SUCCESS' && task?.status !== 'FAILURE') throw new Error(`task ${id} is ${task?.status ?? 'gone'}`);
      return task;
    },
    { timeout: 10_000, interval: 20 },
  );
}
