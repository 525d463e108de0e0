// CORS as a browser meets it: listed origins get preflight answers and CORS headers on /graphql and the byte routes,
// other origins (and every origin when none is listed) get no CORS headers; Apollo's CSRF prevention stays on.
import { describe, expect, it } from 'vitest';
import { createImage } from '../helpers/images.js';
import { useTestServer, type UsedTestServer } from '../helpers/server.js';

const APP = 'http://app.example.test';
const OTHER = 'http://evil.example.test';

function preflight(server: UsedTestServer, path: string, origin: string, method: string, headers: string) {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

function query(server: UsedTestServer, origin: string, headers: Record<string, string> = { 'content-type': 'application/json' }, body = '{"query":"{ viewer { userId } }"}') {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers: { origin, authorization: `Bearer ${server.alice.token}`, ...headers }, body });
}

function corsHeaders(response: Response): string[] {
  const names: string[] = [];
  response.headers.forEach((_value, name) => name.startsWith('access-control-') && names.push(name));
  return names;
}
const listed = (value: string | null) => value?.split(/,\s*/);

describe('with cors_allowed_origin set (GLANCE_CORS_ALLOWED_ORIGIN)', () => {
  const server = useTestServer({}, { env: { GLANCE_CORS_ALLOWED_ORIGIN: `${APP}, http://localhost:5173` } });

  it('answers a listed origin\'s preflight on /graphql with the headers a frontend sends', async () => {
    const response = await preflight(server, '/graphql', APP, 'POST', 'authorization, content-type, apollo-require-preflight, x-request-id');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(listed(response.headers.get('access-control-allow-headers'))).toEqual([
      'authorization', 'content-type', 'apollo-require-preflight', 'x-request-id', 'range', 'content-md5',
    ]);
  });

  it('answers preflights of the byte routes, for uploads and ranged downloads', async () => {
    const { id } = await createImage(server.alice);
    for (const [method, headers] of [['PUT', 'authorization, content-type, content-md5'], ['GET', 'authorization, range']]) {
      const response = await preflight(server, `/v2/images/${id}/file`, APP, method!, headers!);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-allow-methods')).toContain(method);
    }
  });

  it('lets a listed origin read the answer and the headers it exposes', async () => {
    const response = await query(server, APP);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(listed(response.headers.get('access-control-expose-headers'))).toEqual(['content-md5', 'content-range', 'content-length', 'x-request-id']);
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives any other origin no CORS headers at all, preflight or request', async () => {
    const refused = await preflight(server, '/graphql', OTHER, 'POST', 'authorization, content-type');
    expect(corsHeaders(refused)).toEqual([]);
    expect(refused.status).not.toBe(204);
    expect(corsHeaders(await query(server, OTHER))).toEqual([]);
  });

  it('keeps CSRF prevention: a request a page could send without a preflight is refused, from any origin', async () => {
    for (const origin of [APP, OTHER]) {
      const simple = await query(server, origin, { 'content-type': 'text/plain' });
      expect(simple.status).toBe(400);
      const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ viewer { userId } }')}`, { headers: { origin, authorization: `Bearer ${server.alice.token}` } });
      expect(get.status).toBe(400);
      expect(await get.text()).toMatch(/CSRF/);
    }
  });
});

describe('without cors_allowed_origin (the default: same origin only)', () => {
  const server = useTestServer();

  it('answers no origin with CORS headers', async () => {
    expect(corsHeaders(await preflight(server, '/graphql', APP, 'POST', 'content-type'))).toEqual([]);
    expect(corsHeaders(await query(server, APP))).toEqual([]);
  });
});
