// Starts serving: the app from the composition root behind the HTTP server, listening on the configured address.
// Tests start the same server on a free port.
import { pino, type DestinationStream, type Logger } from 'pino';
import { createApp, type App } from '../app.js';
import type { Config } from '../config/index.js';
import type { Clock } from '../domain/clock.js';
import { createAuthenticator, loadJwtSecret } from './auth.js';
import { Metrics } from './metrics.js';
import { currentRequest } from './request-scope.js';
import { createHttpServer } from './server.js';

export interface RunningServer extends Pick<App, 'config' | 'db' | 'policy'> {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  app: App;
  jwtSecret: Uint8Array;
  close(): Promise<void>;
}

/** Every line written while a request is served names it (`requestId`). Lines go to stdout unless `destination`. */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const mixin = () => {
    const request = currentRequest();
    return request ? { requestId: request.requestId } : {};
  };
  return pino({ level: config.log_level, base: undefined, mixin }, destination);
}

/**
 * `clock` is what task expiry is measured against; tests pass one they can move. `migrate: false` in a worker of
 * several: the primary applied the migrations before starting any.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config),
  clock?: Clock,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<RunningServer> {
  const jwtSecret = loadJwtSecret(config);
  const metrics = config.metrics ? new Metrics() : null;
  const app = await createApp(config, { logger, clock, migrate, metrics: metrics ?? undefined });
  const server = await createHttpServer({ app, authenticator: createAuthenticator(config, jwtSecret), metrics });
  const address = await server.listen({ host: config.host, port: config.port });
  app.startBackgroundWork();
  return {
    url: address.replace('[::1]', 'localhost'),
    app,
    config,
    db: app.db,
    policy: app.policy,
    jwtSecret,
    async close() {
      // Requests in flight get shutdown_timeout to finish, then their connections are cut (graceful-stop.ts ends the
      // others as soon as they are idle; uploads are answered 503 at once; tasks are left to the recovery rules).
      // Live updates are closed first (live-updates.ts): WebSockets with 1001 Going Away, SSE streams ended.
      const cutStragglers = setTimeout(() => server.server.closeAllConnections(), config.shutdown_timeout * 1000);
      await server.close().finally(() => clearTimeout(cutStragglers));
      await app.close();
    },
  };
}
