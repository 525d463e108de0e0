// The composition root: opens the database (applying migrations), loads the policies, repairs what a crash
// left behind, and starts listening. Tests start the same server on a free port.
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { repairInterruptedUploads } from '../domain/images/image-data-intake.js';
import { TaskExecutor } from '../domain/tasks/task-executor.js';
import { TaskSweeper } from '../domain/tasks/task-sweeper.js';
import { openDatabase, type Database } from '../persistence/index.js';
import { PolicyEnforcer } from '../policy/index.js';
import { FilesystemStore } from '../store/index.js';
import { createAuthenticator, loadJwtSecret } from './auth.js';
import { createHttpServer } from './server.js';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  config: Config;
  db: Database;
  policy: PolicyEnforcer;
  jwtSecret: Uint8Array;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 3_000;

export function createLogger(config: Config): Logger {
  return pino({ level: config.log_level, base: undefined });
}

/** `clock` is what task expiry is measured against; tests pass one they can move. */
export async function startServer(config: Config, logger: Logger = createLogger(config), clock: Clock = systemClock): Promise<RunningServer> {
  const jwtSecret = loadJwtSecret(config);
  const db = await openDatabase(config, { now: () => clock.now() });
  const policy = await PolicyEnforcer.create({ policyFile: config.policy_file, logger, watch: true }).catch(async (error) => {
    await db.close();
    throw error;
  });
  const store = new FilesystemStore(join(config.data_dir, 'images'));
  const repaired = await repairInterruptedUploads(db.orm.em.fork(), store);
  if (repaired.length) logger.warn({ images: repaired }, 'uploads interrupted by the last shutdown were undone; the images are QUEUED again');
  const taskExecutor = new TaskExecutor({ orm: db.orm, config, clock, logger, store });
  await taskExecutor.failInterruptedTasks();
  const taskSweeper = new TaskSweeper({ orm: db.orm, clock, logger, intervalSeconds: config.task_sweep_interval });
  const app = await createHttpServer({
    config,
    orm: db.orm,
    policy,
    store,
    clock,
    taskQueue: taskExecutor,
    authenticator: createAuthenticator(config, jwtSecret),
    logger,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('[::1]', 'localhost');
  taskSweeper.start();
  return {
    url,
    config,
    db,
    policy,
    jwtSecret,
    async close() {
      // Requests in flight get a grace period; a connection that never sends a request would otherwise hold the
      // close open until Node's own timeouts, so whatever is left after it is cut.
      const cutStragglers = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await app.close().finally(() => clearTimeout(cutStragglers));
      await taskExecutor.stop();
      await taskSweeper.stop();
      policy.close();
      await db.close();
    },
  };
}
