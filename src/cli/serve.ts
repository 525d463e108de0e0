// `serve`: starts the server (or, with `workers` > 1, the worker processes), prints development tokens, and stops
// cleanly on SIGINT or SIGTERM.
import type { Config } from '../config/index.js';
import { loadJwtSecret, signToken } from '../http/auth.js';
import { createLogger, startServer } from '../http/start.js';
import { isWorkerProcess, reportListening, startWorkers } from '../http/workers.js';

export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config);
  if (config.workers > 1 && !isWorkerProcess()) {
    // The primary serves nothing itself; it prints the banner once every worker listens.
    // Generated (unless configured) before the workers start, so that they all read the one file.
    const jwtSecret = loadJwtSecret(config);
    const url = await startWorkers(config, logger);
    return printBanner(url, jwtSecret, config.workers);
  }
  const server = await startServer(config, logger, undefined, { migrate: !isWorkerProcess() });
  if (isWorkerProcess()) reportListening(server.url);
  else await printBanner(server.url, server.jwtSecret, 1);
  let stopping: Promise<void> | null = null;
  // A terminal's Ctrl-C reaches the workers as SIGINT and the primary then sends SIGTERM: stop once. A second
  // signal finds no handler left and ends the process at once.
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.info(`${signal} received, shutting down`);
      await server.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function printBanner(url: string, jwtSecret: Uint8Array, workers: number): Promise<void> {
  const admin = await signToken(jwtSecret, { userId: 'admin', projectId: 'admin', roles: ['admin'], expiresIn: '30d' });
  const member = await signToken(jwtSecret, { userId: 'demo', projectId: 'demo', roles: ['member'], expiresIn: '30d' });
  console.log(`
glance-graphql is serving ${url}/graphql${workers > 1 ? ` (${workers} worker processes)` : ''} (GraphQL IDE: ${url}/)
Development tokens (valid 30 days; send as "Authorization: Bearer <token>"):
  admin  (project admin, role admin):  ${admin}
  member (project demo, role member):  ${member}
`);
}
