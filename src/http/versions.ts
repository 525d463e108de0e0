// GET /versions: which APIs this server offers and their status, in the shape of Glance's version document.
// Glance: glance/api/versions.py Controller.get_versions
import type { Server } from './fastify-server.js';

interface ApiVersion {
  id: string;
  status: 'CURRENT' | 'SUPPORTED';
  description: string;
  links: { rel: 'self'; href: string }[];
}

export function registerVersions(server: Server): void {
  server.get('/versions', async (request) => {
    const base = `${request.protocol}://${request.host}`;
    const socketBase = `${request.protocol === 'https' ? 'wss' : 'ws'}://${request.host}`;
    const versions: ApiVersion[] = [
      { id: 'graphql', status: 'CURRENT', description: 'the GraphQL API (POST; GET for queries)', links: [{ rel: 'self', href: `${base}/graphql` }] },
      { id: 'graphql-ws', status: 'CURRENT', description: 'subscriptions over WebSocket (the graphql-transport-ws protocol)', links: [{ rel: 'self', href: `${socketBase}/graphql` }] },
      { id: 'graphql-sse', status: 'CURRENT', description: 'subscriptions over Server-Sent Events (graphql-sse, distinct connections)', links: [{ rel: 'self', href: `${base}/graphql/stream` }] },
      { id: 'v2', status: 'SUPPORTED', description: "image data: PUT and GET /v2/images/{id}/file, as Glance's Images v2", links: [{ rel: 'self', href: `${base}/v2/` }] },
    ];
    return { versions };
  });
}
