// A location that cannot be read is the server's problem, not the caller's: a download answers 503 with a generic
// message, and the URL (which may carry credentials, as signed URLs do) goes to the log only, redacted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddImageLocationDocument, UpdateImageDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { download, expectHttpError } from './image-data-fixtures.js';

let remote: Server;
let port: number;
let serving = true;

beforeAll(async () => {
  // Reports 1000 bytes to HEAD; GET fails once `serving` is off.
  remote = createServer((request, response) => {
    if (request.method === 'HEAD') return response.writeHead(200, { 'content-length': 1000 }).end();
    if (!serving) return response.writeHead(503).end();
    response.writeHead(200, { 'content-length': 1000 }).end(Buffer.alloc(1000));
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  port = (remote.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => remote.close(() => resolve())));

const server = useTestServer(() => ({ show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [port] }));

describe('a download whose only location is down', () => {
  it('answers another project 503 with a generic message that names no URL', async () => {
    const { id } = await createImage(server.alice);
    const signed = `http://127.0.0.1:${port}/bucket/image?X-Amz-Signature=s3cr3t`;
    await server.alice.data(AddImageLocationDocument, { input: { imageId: id, url: signed } });
    await server.admin.data(UpdateImageDocument, { input: { id, visibility: 'PUBLIC' } });
    serving = false;
    for (const client of [server.bob, server.alice]) {
      const message = await expectHttpError(await download(client, id), 503, 'SERVICE_UNAVAILABLE');
      expect(message).toBe(`data unavailable: the data of image ${id} cannot be read from any of its locations`);
    }
  });
});
