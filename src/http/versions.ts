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
    // Live updates (to come) add their subscription endpoints (graphql-ws, SSE) here.
    const versions: ApiVersion[] = [
      { id: 'graphql', status: 'CURRENT', description: 'the GraphQL API (POST; GET for queries)', links: [{ rel: 'self', href: `${base}/graphql` }] },
      { id: 'v2', status: 'SUPPORTED', description: "image data: PUT and GET /v2/images/{id}/file, as Glance's Images v2", links: [{ rel: 'self', href: `${base}/v2/` }] },
    ];
    return { versions };
  });
}
