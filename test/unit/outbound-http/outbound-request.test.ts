import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { openOutboundUrl } from '../../../src/domain/outbound-http/outbound-request.js';
import type { OutboundUrlRules } from '../../../src/domain/outbound-http/url-filter.js';

let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/data') return void response.writeHead(200, { 'content-length': '5' }).end('hello');
    if (url.pathname === '/to-data') return void response.writeHead(302, { location: '/data' }).end();
    if (url.pathname === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (url.pathname === '/to-metadata') return void response.writeHead(301, { location: 'http://169.254.169.254/' }).end();
    if (url.pathname === '/to-signed') return void response.writeHead(302, { location: 'http://169.254.169.254/x?X-Amz-Signature=s3cr3t' }).end();
    if (url.pathname === '/to-localhost') return void response.writeHead(307, { location: `http://localhost:${port}/data` }).end();
    return void response.writeHead(404).end('missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const localRules = (): OutboundUrlRules => loadConfig({ env: {}, overrides: { allowed_hosts: ['127.0.0.1'], allowed_ports: [port] } });

async function failure(url: string, rules: OutboundUrlRules = localRules()): Promise<string> {
  const error = await openOutboundUrl(url, rules).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as Error).message;
}

describe('openOutboundUrl', () => {
  it('streams the body of an allowed URL with its length', async () => {
    const response = await openOutboundUrl(`${base}/data`, localRules());
    expect(response.status).toBe(200);
    expect(response.contentLength).toBe(5);
    expect(await text(response.body)).toBe('hello');
  });

  it('follows a redirect that stays within the filter', async () => {
    const response = await openOutboundUrl(`${base}/to-data`, localRules());
    expect(response.url.pathname).toBe('/data');
    expect(await text(response.body)).toBe('hello');
  });

  it('refuses a redirect to the metadata service or to a host the filter does not list', async () => {
    expect(await failure(`${base}/to-metadata`)).toMatch(/169\.254\.169\.254.* not allowed/);
    expect(await failure(`${base}/to-localhost`)).toMatch(/host localhost is not permitted/);
  });

  it('keeps query strings and credentials, of the URL and of redirect targets, out of its messages', async () => {
    const messages = [
      await failure(`${base}/nothing?X-Amz-Signature=s3cr3t`),
      await failure(`${base}/loop?token=s3cr3t`),
      await failure(`${base}/to-signed`),
    ];
    for (const message of messages) expect(message).not.toMatch(/s3cr3t/);
    expect(messages[0]).toBe(`${base}/nothing?redacted answered HTTP 404 Not Found`);
    expect(messages[2]).toMatch(/169\.254\.169\.254\/x\?redacted is not allowed/);
  });

  it('stops after too many redirects', async () => {
    expect(await failure(`${base}/loop`)).toMatch(/redirected more than 5 times/);
  });

  it('reports an HTTP error status', async () => {
    expect(await failure(`${base}/nothing`)).toBe(`${base}/nothing answered HTTP 404 Not Found`);
  });

  it('reports a refused connection in words', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const rules = loadConfig({ env: {}, overrides: { allowed_hosts: ['127.0.0.1'], allowed_ports: [closedPort] } });
    expect(await failure(`http://127.0.0.1:${closedPort}/x`, rules)).toMatch(/could not fetch .*: the connection was refused/);
  });

  it('refuses loopback unless the operator allows the host', async () => {
    const defaults = loadConfig({ env: {}, overrides: { allowed_ports: [port] } });
    expect(await failure(`${base}/data`, defaults)).toMatch(/internal address/);
  });
});
