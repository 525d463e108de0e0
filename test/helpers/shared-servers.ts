// `serve` processes sharing one database and one data dir (so one image store), as the several-servers and crash
// tests run them: each started as its own process, all of them killed and the data dir removed after the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { spawnServe, type ServeProcess } from './cli.js';
import { GraphQLClient } from './client.js';
import { useTestDatabase } from './database.js';

export interface SharedServer {
  serve: ServeProcess;
  /** The admin whose token the process printed. */
  admin: GraphQLClient;
}

export interface SharedServers {
  readonly dataDir: string;
  /** Starts another process on the shared database and data dir and waits until it listens. */
  start(): Promise<SharedServer>;
}

/**
 * For the enclosing file: `env` (read at each start, so it may name what a beforeAll started) is added to what
 * every process shares: database, data dir, JWT secret, and error-level logs.
 */
export function useSharedServers(env: () => NodeJS.ProcessEnv): SharedServers {
  const database = useTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'glance-shared-'));
  const started: ServeProcess[] = [];
  // Every process has exited before the data dir goes.
  afterAll(async () => {
    await Promise.all(started.map((serve) => serve.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    async start() {
      const serve = spawnServe({
        ...database.env,
        GLANCE_DATA_DIR: dataDir,
        GLANCE_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        GLANCE_LOG_LEVEL: 'error',
        ...env(),
      });
      started.push(serve);
      const { url, adminToken } = await serve.ready;
      return { serve, admin: new GraphQLClient(url, adminToken) };
    },
  };
}
