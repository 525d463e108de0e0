// Identity values the database cannot keep as sent (a NUL character, a lone surrogate) are refused as credentials:
// they would fail the queries that compare them, or be stored as another identity's (a lone surrogate as U+FFFD).
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createAuthenticator } from '../../src/http/auth.js';
import { CreateImageDocument, ListImagesDocument } from '../generated/operations.js';
import { GraphQLClient } from '../helpers/client.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer();

const LONE_SURROGATE = '\uD800';

function tokenWith(claims: { sub?: string; project_id?: string; roles?: string[] }) {
  const { sub = 'alice', project_id = 'project-a', roles = ['member'] } = claims;
  return new SignJWT({ project_id, roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('1h').sign(server.server.jwtSecret);
}

describe('a signed token whose claims hold text the database cannot store', () => {
  it.each([
    { claim: 'project_id with a NUL', claims: { project_id: 'pN\u0000x' } },
    { claim: 'project_id with a lone surrogate', claims: { project_id: `p${LONE_SURROGATE}` } },
    { claim: 'sub with a NUL', claims: { sub: 'alice\u0000' } },
    { claim: 'a role with a lone surrogate', claims: { roles: ['member', `x${LONE_SURROGATE}`] } },
  ])('is UNAUTHENTICATED ($claim), for queries and mutations', async ({ claims }) => {
    const client = new GraphQLClient(server.url, await tokenWith(claims));
    for (const response of [
      await client.request(ListImagesDocument, {}),
      await client.request(CreateImageDocument, { input: { name: 'x' } }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(response.errors?.[0]?.message).toMatch(/project_id|sub|roles/);
    }
  });
});

describe('trusted headers holding text the database cannot store', () => {
  // HTTP clients cannot send these characters (fetch refuses them), so the authenticator is asked directly.
  const authenticate = createAuthenticator(loadConfig({ env: {}, overrides: { auth_strategy: 'trusted-headers' } }), new Uint8Array());
  it.each([
    { 'x-user-id': 'carol\u0000' },
    { 'x-user-id': 'carol', 'x-project-id': `p${LONE_SURROGATE}` },
    { 'x-user-id': 'carol', 'x-roles': `reader,\u0000admin` },
  ])('are UNAUTHENTICATED (%o)', async (headers) => {
    await expect(authenticate(headers)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/X-/) });
  });
});
