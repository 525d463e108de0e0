// Stopping the server: idle connections go at once, GraphQL requests in flight get shutdown_timeout to finish,
// requests arriving meanwhile and uploads still running are answered 503 (uploads with their image QUEUED again).
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.js';
import { Image, openDatabase } from '../../src/persistence/index.js';
import { createImage } from '../helpers/images.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bytes, expectHttpError, startSaving } from './image-data-fixtures.js';

/**
 * A raw connection carrying a GraphQL POST whose body the test completes when it wants (and may follow with more
 * requests on the same connection). Resolves once the server has the request's headers.
 */
async function slowGraphQL(test: TestServer, token: string) {
  const body = JSON.stringify({ query: '{ viewer { userId } }' });
  const request = `POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: ${body.length}\r\n\r\n`;
  const { hostname, port } = new URL(test.url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(request + body.slice(0, 5));
  // A round trip on another connection: by then the server has read this one's headers.
  await fetch(`${test.url}/healthz`);
  return {
    /** Sends the rest of the body, then the same request again on this connection. */
    finishAndAskAgain: () => socket.write(body.slice(5) + request + body),
    /** Everything the server sent, once it closed the connection. */
    closed,
  };
}

/** The image's status as stored, read after its server has stopped (from the same database, on either engine). */
async function statusInDatabase(config: Config, id: string): Promise<string> {
  const db = await openDatabase(config, { migrate: false });
  try {
    return (await db.orm.em.fork().findOneOrFail(Image, id)).status;
  } finally {
    await db.close();
  }
}

describe('stopping the server', () => {
  it('closes at once although an idle connection never sent a request', async () => {
    const test = await startTestServer();
    const { hostname, port } = new URL(test.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const started = performance.now();
    await test.close();
    expect(performance.now() - started).toBeLessThan(10_000);
    await closed;
  });

  it('lets a GraphQL request in flight finish, answering the next one on its connection 503 SERVICE_UNAVAILABLE', async () => {
    const test = await startTestServer({ shutdown_timeout: 20 });
    const slow = await slowGraphQL(test, await test.token('alice', 'project-a', ['member']));
    const started = performance.now();
    const closed = test.close();
    setTimeout(slow.finishAndAskAgain, 300);
    const [first, second] = (await slow.closed).split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toContain('{"data":{"viewer":{"userId":"alice"}}}');
    expect(second).toMatch(/^HTTP\/1\.1 503 [\s\S]*"extensions":\{"code":"SERVICE_UNAVAILABLE","requestId":"[^"]+"\}/);
    await closed;
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('cuts a request still in flight when shutdown_timeout has passed', async () => {
    const test = await startTestServer({ shutdown_timeout: 1 });
    const slow = await slowGraphQL(test, await test.token('alice', 'project-a', ['member']));
    const started = performance.now();
    await test.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(await slow.closed).toBe('');
  });

  it('answers an upload still running 503 SERVICE_UNAVAILABLE at once and puts its image back to QUEUED', async () => {
    const test = await startTestServer({ shutdown_timeout: 20 });
    try {
      const alice = await test.as('alice', 'project-a', ['member']);
      const { id } = await createImage(alice);
      const held = await startSaving(alice, id, bytes(64 * 1024));
      const started = performance.now();
      await test.server.close();
      expect(performance.now() - started).toBeLessThan(10_000);
      const message = await expectHttpError(await held.response, 503, 'SERVICE_UNAVAILABLE');
      expect(message).toMatch(/shutting down/);
      expect(await statusInDatabase(test.server.config, id)).toBe('queued');
    } finally {
      rmSync(test.dataDir, { recursive: true, force: true });
    }
  });
});
