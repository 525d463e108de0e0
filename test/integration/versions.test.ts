// GET /versions: the APIs this server offers, with their status and where they are, as Glance's version document.
import { expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';

const test = useTestServer();

it('lists the GraphQL endpoint, its two subscription transports and the /v2 byte routes, without a token', async () => {
  const response = await fetch(`${test.url}/versions`);
  expect(response.status).toBe(200);
  const host = new URL(test.url).host;
  expect(await response.json()).toEqual({
    versions: [
      { id: 'graphql', status: 'CURRENT', description: expect.any(String), links: [{ rel: 'self', href: `http://${host}/graphql` }] },
      { id: 'graphql-ws', status: 'CURRENT', description: expect.stringContaining('graphql-transport-ws'), links: [{ rel: 'self', href: `ws://${host}/graphql` }] },
      { id: 'graphql-sse', status: 'CURRENT', description: expect.stringContaining('Server-Sent Events'), links: [{ rel: 'self', href: `http://${host}/graphql/stream` }] },
      { id: 'v2', status: 'SUPPORTED', description: expect.stringContaining('/v2/images/{id}/file'), links: [{ rel: 'self', href: `http://${host}/v2/` }] },
    ],
  });
});
