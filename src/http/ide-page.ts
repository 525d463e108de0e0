// The GraphQL IDE: GraphiQL, built from node_modules into dist/ide at install (`npm run build:ide`), served by this
// server alone at GET / and at GET /graphql for browsers (Apollo's landing-page hook).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyStatic from '@fastify/static';
import type { Logger } from 'pino';
import type { Server } from './fastify-server.js';

const IDE_DIR = resolve(import.meta.dirname, '../../dist/ide');

/**
 * Every response says that a page of this server loads nothing from another host. Three exceptions stay on this
 * server: inline styles, because the editor (Monaco) writes its themes into <style> elements at run time; data:
 * images, because those themes draw the wavy underline of an error in the query as an inline SVG (blocked, the
 * underline was missing and the browser logged a violation); and data: fonts, because GraphiQL's stylesheet carries
 * its fonts inside itself. Scripts come from files only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html><title>glance-graphql</title>
<p>The GraphQL IDE is not built in this checkout: run <code>npm run build:ide</code> (<code>npm ci</code> does it).</p>`;

/** Serves the IDE when `enabled`; the returned plugin gives Apollo the page, or turns its own (CDN) page off. */
export async function registerIdePage(server: Server, enabled: boolean, logger: Logger): Promise<ApolloServerPlugin> {
  server.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  });
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  const html = readIndexPage(logger);
  if (existsSync(IDE_DIR)) await server.register(fastifyStatic, { root: IDE_DIR, prefix: '/ide/', index: false });
  server.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  return { serverWillStart: async () => ({ renderLandingPage: async () => ({ html }) }) };
}

function readIndexPage(logger: Logger): string {
  const indexFile = join(IDE_DIR, 'index.html');
  if (existsSync(indexFile)) return readFileSync(indexFile, 'utf8');
  logger.warn(`graphiql is on but ${indexFile} is missing: run npm run build:ide`);
  return NOT_BUILT_PAGE;
}
