// Starts the real server on a free loopback port with a fresh data dir (JWT secret, image data) and a fresh database
// (the data dir's SQLite file, or a PostgreSQL database of its own in the postgresql project) per server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { Clock } from '../../src/domain/clock.js';
import { signToken } from '../../src/http/auth.js';
import { createLogger, startServer, type RunningServer } from '../../src/http/start.js';
import { GraphQLClient } from './client.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  database: TestDatabase;
  /** A signed token for this server. Roles expand as Keystone's do (admin ⊃ member ⊃ reader). */
  token(userId: string, projectId: string | null, roles: string[], expiresIn?: string): Promise<string>;
  /** A GraphQL client acting as the given user. */
  as(userId: string, projectId: string | null, roles: string[]): Promise<GraphQLClient>;
  /** The usual personas: an admin, a member of project A, a member of project B, a reader of project A. */
  personas(): Promise<{ admin: GraphQLClient; alice: GraphQLClient; bob: GraphQLClient; reader: GraphQLClient }>;
  close(): Promise<void>;
}

/** `clock`, when given, is the server's notion of now for task expiry, so tests can move time instead of waiting. */
export async function startTestServer(
  overrides: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
  clock?: Clock,
  logTo?: DestinationStream,
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glance-test-'));
  const database = await createTestDatabase();
  const config = loadConfig({
    env,
    overrides: { data_dir: dataDir, database_url: database.url, port: 0, log_level: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides },
  });
  const server = await startServer(config, logTo && createLogger(config, logTo), clock).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const token = (userId: string, projectId: string | null, roles: string[], expiresIn = '1h') =>
    signToken(server.jwtSecret, { userId, projectId, roles, expiresIn });
  const as = async (userId: string, projectId: string | null, roles: string[]) =>
    new GraphQLClient(server.url, await token(userId, projectId, roles));
  return {
    server,
    url: server.url,
    dataDir,
    database,
    token,
    as,
    personas: async () => ({
      admin: await as('root', 'admin-project', ['admin']),
      alice: await as('alice', 'project-a', ['member']),
      bob: await as('bob', 'project-b', ['member']),
      reader: await as('rita', 'project-a', ['reader']),
    }),
    async close() {
      await server.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Where the server's log lines go (at the configured log_level); none: the default logger. */
  logTo?: DestinationStream;
}

/** A started test server with its personas at hand (see TestServer.personas). */
export type UsedTestServer = TestServer & Awaited<ReturnType<TestServer['personas']>>;

type Overrides = Record<string, unknown>;

/**
 * Starts a server for the enclosing test file or `describe` block and closes it after: the returned object is
 * filled in before the first test runs. Overrides that depend on what earlier hooks start can be given as a function.
 */
export function useTestServer(overrides: Overrides | (() => Overrides) = {}, options: StartOptions = {}): UsedTestServer {
  const used = {} as UsedTestServer;
  beforeAll(async () => {
    const started = await startTestServer(typeof overrides === 'function' ? overrides() : overrides, options.env, options.clock, options.logTo);
    Object.assign(used, started, await started.personas());
  });
  afterAll(() => used.close?.());
  return used;
}
