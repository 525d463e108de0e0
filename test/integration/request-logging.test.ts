// Access log and request ids over HTTP: one JSON line per request, and the request id in the response header,
// in every log line the request causes and in its errors' extensions.requestId.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, upload } from './image-data-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type LogLine = Record<string, unknown>;

describe('request logging', () => {
  const lines: LogLine[] = [];
  const test = useTestServer({ log_level: 'info' }, { logTo: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
  const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);
  const graphql = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${test.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${test.alice.token}`, ...headers },
      body: JSON.stringify({ query }),
    });

  it('keeps a sane x-request-id: echoed, in the error and in one access-log line with the operation and caller', async () => {
    const response = await graphql('mutation DropIt { deleteImage(input: { id: "00000000-0000-4000-8000-000000000000" }) { id } }', {
      'x-request-id': 'bug-report-42',
    });
    expect(response.headers.get('x-request-id')).toBe('bug-report-42');
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: 'NOT_FOUND', requestId: 'bug-report-42' });

    await expect.poll(() => linesOf('bug-report-42').length).toBe(1);
    expect(linesOf('bug-report-42')[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      method: 'POST',
      route: '/graphql',
      status: 200,
      durationMs: expect.any(Number),
      operationName: 'DropIt',
      operationType: 'mutation',
      userId: 'alice',
      projectId: 'project-a',
    });
  });

  it.each([['with spaces'], ['quote"d'], ['x'.repeat(129)], ['']])('replaces x-request-id %j by a generated one', async (given) => {
    const response = await graphql('{ viewer { userId } }', { 'x-request-id': given });
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(UUID);
    await expect.poll(() => linesOf(requestId).length).toBe(1);
  });

  it('generates an id when none is sent, and names it in byte-endpoint errors', async () => {
    const response = await download(test.alice, '00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(UUID);
    expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'NOT_FOUND', requestId });
    await expect.poll(() => linesOf(requestId)).toEqual([expect.objectContaining({ route: '/v2/images/:id/file', method: 'GET', status: 404, userId: 'alice' })]);
  });

  it('puts the request id on the other lines a request causes', async () => {
    const { id } = await createImage(test.alice);
    expect((await upload(test.alice, id, bytes(1000))).status).toBe(204);
    rmSync(join(test.dataDir, 'images', id));
    const response = await download(test.alice, id, { 'x-request-id': 'missing-file-1' });
    expect(response.status).toBe(503);
    await expect.poll(() => linesOf('missing-file-1').map((line) => line.msg)).toEqual(['an image location cannot be read; trying the next', 'image data cannot be read from any of its locations', 'request completed']);
  });

  it('logs anonymous requests and unknown paths too', async () => {
    const response = await fetch(`${test.url}/no/such/path`, { headers: { 'x-request-id': 'lost-1' } });
    expect(response.status).toBe(404);
    await expect.poll(() => linesOf('lost-1')).toEqual([expect.objectContaining({ route: '/no/such/path', status: 404, method: 'GET' })]);
    expect(linesOf('lost-1')[0]).not.toHaveProperty('userId');
  });
});
