// The IDE page over HTTP: served at / and to browsers at /graphql with its assets from this server, or not at all.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';

const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

describe('with graphiql on (the default)', () => {
  const test = useTestServer();

  it.each(['/graphql', '/'])('GET %s serves GraphiQL under a self-only Content-Security-Policy', async (path) => {
    const response = await fetch(`${test.url}${path}`, { headers: HTML });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
    const page = await response.text();
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/ide\//);
      expect((await fetch(`${test.url}${asset}`)).status, asset).toBe(200);
    }
  });

  it('still answers GraphQL requests at /graphql', async () => {
    const response = await test.alice.raw('{ viewer { userId } }');
    expect(response.data).toEqual({ viewer: { userId: 'alice' } });
  });
});

describe('with GLANCE_GRAPHIQL=false', () => {
  const test = useTestServer({}, { env: { GLANCE_GRAPHIQL: 'false' } });

  it('serves no page at /graphql, not even Apollo’s', async () => {
    const response = await fetch(`${test.url}/graphql`, { headers: HTML });
    expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/<html|<script|https?:\/\//i);
  });

  it('serves nothing at / or /ide/', async () => {
    expect((await fetch(`${test.url}/`, { headers: HTML })).status).toBe(404);
    expect((await fetch(`${test.url}/ide/favicon.svg`)).status).toBe(404);
  });
});
