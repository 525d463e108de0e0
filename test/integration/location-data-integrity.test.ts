// Data served from http(s) locations must be the image's data: a location whose size disagrees with the image is
// refused when set, and a download that turns out short, long or different is cut off rather than ended cleanly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddImageLocationDocument, ImageDataDocument, ReplaceImageLocationsDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, upload } from './image-data-fixtures.js';

/** What a remote location answers: the size it reports to HEAD, and the body (and Content-Length) it sends to GET. */
interface Blob {
  reported: number;
  body: Buffer;
  /**
   * Sends the body without a Content-Length (chunked), so it may differ from `reported`, in parts of these sizes
   * with a pause after each.
   */
  parts?: number[];
  status?: number;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

const blobs = new Map<string, Blob>();
let remote: Server;
let port: number;
const blobUrl = (name: string) => `http://127.0.0.1:${port}/blob/${name}`;

beforeAll(async () => {
  remote = createServer(async (request, response) => {
    const blob = blobs.get(request.url!.slice('/blob/'.length));
    if (!blob) return response.writeHead(404).end();
    if (request.method === 'HEAD') return response.writeHead(200, { 'content-length': blob.reported }).end();
    response.writeHead(blob.status ?? 200, blob.parts ? {} : { 'content-length': blob.body.length });
    let offset = 0;
    for (const part of blob.parts ?? []) {
      response.write(blob.body.subarray(offset, (offset += part)));
      await pause();
    }
    response.end(blob.body.subarray(offset));
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  port = (remote.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => remote.close(() => resolve())));

const server = useTestServer(() => ({ show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [port] }));

/** An ACTIVE image of project A whose data (`data`) was uploaded to the store, and its store location. */
async function uploadedImage(data: Buffer): Promise<{ id: string; storeUrl: string }> {
  const { id } = await createImage(server.alice);
  expect((await upload(server.alice, id, data)).status).toBe(204);
  const image = (await server.admin.data(ImageDataDocument, { id })).image!;
  return { id, storeUrl: image.locations![0]!.url };
}

/** Serves `blob` as a location of the image, put first (before the store's); returns the blob's name. */
async function serveFirst(id: string, storeUrl: string, blob: Blob): Promise<string> {
  const name = `${id}-first`;
  blobs.set(name, blob);
  await server.admin.data(AddImageLocationDocument, { input: { imageId: id, url: blobUrl(name) } });
  await server.admin.data(ReplaceImageLocationsDocument, { input: { imageId: id, locations: [{ url: blobUrl(name) }, { url: storeUrl }] } });
  return name;
}

/** Downloads and reads the whole body; rejects when the server cuts the connection. */
async function downloadBody(id: string): Promise<{ status: number; length: string | null; body: Promise<Buffer> }> {
  const response = await download(server.alice, id);
  return { status: response.status, length: response.headers.get('content-length'), body: response.arrayBuffer().then(Buffer.from) };
}

describe('setting a location', () => {
  it('refuses one whose reported size differs from the image’s (BAD_USER_INPUT) and keeps the locations', async () => {
    const { id, storeUrl } = await uploadedImage(bytes(1000));
    blobs.set(`${id}-short`, { reported: 50, body: bytes(50) });
    const add = await server.admin.error('BAD_USER_INPUT', AddImageLocationDocument, { input: { imageId: id, url: blobUrl(`${id}-short`) } });
    expect(add.message).toMatch(/50 bytes.*1000/);
    expect((await server.admin.data(ImageDataDocument, { id })).image!.locations!.map((location) => location.url)).toEqual([storeUrl]);
  });

  it('refuses, for a QUEUED image, locations that disagree with each other', async () => {
    const { id } = await createImage(server.alice);
    blobs.set(`${id}-a`, { reported: 10, body: bytes(10) });
    blobs.set(`${id}-b`, { reported: 20, body: bytes(20) });
    const replace = await server.alice.error('BAD_USER_INPUT', ReplaceImageLocationsDocument, {
      input: { imageId: id, locations: [{ url: blobUrl(`${id}-a`) }, { url: blobUrl(`${id}-b`) }] },
    });
    expect(replace.message).toMatch(/20 bytes.*10/);
    expect((await server.alice.data(ImageDataDocument, { id })).image!.status).toBe('QUEUED');
  });
});

describe('downloading from an http location', () => {
  it('sends the data when the location serves exactly the image’s bytes', async () => {
    const data = bytes(1000);
    const { id, storeUrl } = await uploadedImage(data);
    await serveFirst(id, storeUrl, { reported: 1000, body: data });
    const { status, length, body } = await downloadBody(id);
    expect({ status, length }).toEqual({ status: 200, length: '1000' });
    expect((await body).equals(data)).toBe(true);
  });

  it.each([
    { case: 'a short body', body: (data: Buffer) => data.subarray(0, 500), parts: [300, 200] },
    { case: 'a long body', body: (data: Buffer) => Buffer.concat([data, bytes(200)]), parts: [400, 400, 400] },
    { case: 'different bytes', body: (data: Buffer) => Buffer.concat([data.subarray(0, 500), bytes(500)]), parts: [500, 500] },
  ])('cuts the connection on $case found after the first bytes went out, and goes on serving', async ({ body: served, parts }) => {
    const data = bytes(1000);
    const { id, storeUrl } = await uploadedImage(data);
    await serveFirst(id, storeUrl, { reported: 1000, body: served(data), parts });
    const { status, length, body } = await downloadBody(id);
    expect({ status, length }).toEqual({ status: 200, length: '1000' });
    await expect(body).rejects.toThrow();
    // The next download, on a fresh connection, is answered.
    expect((await download(server.alice, id)).status).toBe(200);
  });

  it.each([
    { case: 'answers an error status', blob: { reported: 1000, body: Buffer.from('gone'), status: 410 } },
    { case: 'announces another Content-Length', blob: { reported: 1000, body: bytes(50) } },
    { case: 'sends a short body at once', blob: { reported: 1000, body: bytes(50), parts: [] } },
    { case: 'sends a long body at once', blob: { reported: 1000, body: bytes(1200), parts: [] } },
    { case: 'sends other bytes at once', blob: { reported: 1000, body: bytes(1000), parts: [] } },
  ])('reads the next location when the first $case', async ({ blob }) => {
    const data = bytes(1000);
    const { id, storeUrl } = await uploadedImage(data);
    blobs.set(await serveFirst(id, storeUrl, { reported: 1000, body: data }), blob);
    const { status, body } = await downloadBody(id);
    expect(status).toBe(200);
    expect((await body).equals(data)).toBe(true);
  });
});
