// Identity: bearer JWTs (and the trusted-proxy alternative); every failure is UNAUTHENTICATED with HTTP 401.
import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ViewerDocument } from '../generated/operations.js';
import { GraphQLClient } from '../helpers/client.js';
import { startTestServer, useTestServer } from '../helpers/server.js';

const server = useTestServer();

function sign(claims: Record<string, unknown>, secret: Uint8Array, expiration: number | string = '1h') {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setExpirationTime(expiration).sign(secret);
}

describe('bearer tokens', () => {
  it('identify the caller, with the roles Keystone would imply', async () => {
    const client = await server.as('alice', 'project-a', ['member']);
    expect((await client.data(ViewerDocument)).viewer).toEqual({ userId: 'alice', projectId: 'project-a', roles: ['member', 'reader'], isAdmin: false });
  });

  it.each([
    ['no token at all', null, /authentication required/],
    ['a malformed token', 'not-a-jwt', /not valid/],
  ])('refuse %s', async (_label, token, message) => {
    const response = await new GraphQLClient(server.url, token).request(ViewerDocument);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.data ?? null).toBeNull();
  });

  it('refuse expired tokens, tokens signed with another secret, and tokens without roles', async () => {
    const secret = server.server.jwtSecret;
    const cases: [string, RegExp][] = [
      [await sign({ project_id: 'p', roles: ['member'] }, secret, Math.floor(Date.now() / 1000) - 60), /expired/],
      [await sign({ project_id: 'p', roles: ['member'] }, new TextEncoder().encode('x'.repeat(48))), /not valid/],
      [await sign({ project_id: 'p' }, secret), /roles/],
    ];
    for (const [token, message] of cases) {
      const response = await new GraphQLClient(server.url, token).request(ViewerDocument);
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(message);
    }
  });

  it('refuse a well-signed admin token that never expires (no exp, or an exp that is not a date)', async () => {
    const secret = server.server.jwtSecret;
    const claims = { project_id: 'admin-project', roles: ['admin'] };
    const withoutExp = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('root').setIssuedAt().sign(secret);
    const textExp = await new SignJWT({ ...claims, exp: 'never' } as Record<string, unknown>).setProtectedHeader({ alg: 'HS256' }).setSubject('root').sign(secret);
    for (const token of [withoutExp, textExp]) {
      const response = await new GraphQLClient(server.url, token).request(ViewerDocument);
      expect(response.status).toBe(401);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(response.errors?.[0]?.message).toMatch(/no valid expiry \(an exp claim.*every token must expire/);
      expect(response.data ?? null).toBeNull();
    }
  });

  it('refuse a token issued in the future, or expiring more than a year ahead; a little clock skew is fine', async () => {
    const secret = server.server.jwtSecret;
    const now = Math.floor(Date.now() / 1000);
    const claims = { project_id: 'p', roles: ['member'] };
    const token = (iat: number, exp: number) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt(iat).setExpirationTime(exp).sign(secret);
    for (const [iat, exp, message] of [[now, 1e20, /expires more than/], [now + 3600, now + 7200, /issued in the future/]] as const) {
      const response = await new GraphQLClient(server.url, await token(iat, exp)).request(ViewerDocument);
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(message);
    }
    const skewed = await new GraphQLClient(server.url, await token(now + 20, now + 3600)).request(ViewerDocument);
    expect(skewed.errors).toBeUndefined();
  });

  it('refuse an Authorization header that is not a bearer token', async () => {
    const response = await new GraphQLClient(server.url, null).raw('{ viewer { userId } }', undefined, { authorization: 'Basic YTpi' });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('let anonymous callers introspect the schema, and nothing more', async () => {
    const anonymous = new GraphQLClient(server.url, null);
    const introspection = await anonymous.raw('{ __schema { queryType { name } } __type(name: "Image") { name } }');
    expect(introspection).toMatchObject({ status: 200, data: { __schema: { queryType: { name: 'Query' } }, __type: { name: 'Image' } } });
    const mixed = await anonymous.raw('{ __typename images { edges { cursor } } }');
    expect(mixed.status).toBe(401);
  });
});

describe('trusted headers (auth_strategy: trusted-headers)', () => {
  it('take the identity from X-User-Id, X-Project-Id and X-Roles, and still require one', async () => {
    const proxied = await startTestServer({ auth_strategy: 'trusted-headers' });
    try {
      const anonymous = new GraphQLClient(proxied.url, null);
      const headers = { 'x-user-id': 'carol', 'x-project-id': 'project-c', 'x-roles': 'reader, Admin' };
      const response = await anonymous.raw('{ viewer { userId projectId roles isAdmin } }', undefined, headers);
      expect(response.data).toEqual({ viewer: { userId: 'carol', projectId: 'project-c', roles: ['admin', 'member', 'reader'], isAdmin: true } });
      expect((await anonymous.raw('{ viewer { userId } }')).status).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});

/** A POST to /graphql whose headers may be repeated (an array sends one header line per value), as fetch cannot. */
function postWithHeaders(url: string, headers: Record<string, string | string[]>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject).end(JSON.stringify({ query: '{ viewer { userId projectId roles } }' }));
  });
}

describe('repeated identity headers', () => {
  it('are UNAUTHENTICATED in trusted-headers mode, rather than merged (X-Roles: reader + X-Roles: admin is not admin)', async () => {
    const proxied = await startTestServer({ auth_strategy: 'trusted-headers' });
    try {
      const identity = { 'x-user-id': 'carol', 'x-project-id': 'project-c', 'x-roles': 'reader' };
      for (const repeated of [{ 'x-roles': ['reader', 'admin'] }, { 'x-project-id': ['pA', 'pB'] }, { 'x-user-id': ['carol', 'root'] }]) {
        const { status, body } = await postWithHeaders(proxied.url, { ...identity, ...repeated });
        expect(status).toBe(401);
        expect(JSON.parse(body).errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/more than once/) });
      }
      expect((await postWithHeaders(proxied.url, identity)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('are UNAUTHENTICATED for bearer tokens: two Authorization headers', async () => {
    const token = await server.token('alice', 'project-a', ['member']);
    const admin = await server.token('root', 'admin-project', ['admin']);
    const { status, body } = await postWithHeaders(server.url, { authorization: [`Bearer ${token}`, `Bearer ${admin}`] });
    expect(status).toBe(401);
    expect(JSON.parse(body).errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('health probes', () => {
  it('answer without a token: /healthz when the process runs, /readyz when the database answers', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
