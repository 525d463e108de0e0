// Several processes serving one port (Glance's `workers`), with node:cluster. The primary applies the migrations
// once, starts the workers, starts another when one dies, and stops them all on SIGTERM or SIGINT. Each worker is
// a whole server (startServer) on the shared port; like separate servers, they share work through its leases. On
// SQLite the primary also relays live-update changes between the workers.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { CLUSTER_CHANGE_MESSAGE, type ClusterChangeMessage } from '../domain/live/change-transports.js';
import { openDatabase } from '../persistence/index.js';

const LISTENING = 'glance:listening';

export const isWorkerProcess = (): boolean => cluster.isWorker;

/** In a worker: tells the primary that this worker serves `url`. */
export function reportListening(url: string): void {
  process.send?.({ type: LISTENING, url });
}

/** A worker exited before it listened (its own error is on stderr): the primary stopped the others. */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
}

function relayChange(message: ClusterChangeMessage): void {
  for (const worker of Object.values(cluster.workers ?? {})) if (worker?.isConnected()) worker.send(message);
}

/** Starts `config.workers` workers; resolves with the URL they serve once all of them listen. */
export async function startWorkers(config: Config, logger: Logger): Promise<string> {
  // Before any worker starts, so that none of them applies migrations while another serves.
  await (await openDatabase(config)).close();
  const listening = new Set<Worker>();
  let stopping = false;
  return new Promise((resolve, reject) => {
    const fork = () => {
      const worker = cluster.fork();
      worker.on('message', (message: { type?: string; url?: string }) => {
        // On SQLite, the workers' live-update changes go through here to every worker (PostgreSQL uses NOTIFY).
        if (message.type === CLUSTER_CHANGE_MESSAGE) return relayChange(message as ClusterChangeMessage);
        if (message.type !== LISTENING) return;
        listening.add(worker);
        logger.info({ pid: worker.process.pid }, `worker ${worker.process.pid} listening`);
        if (listening.size === config.workers) resolve(message.url!);
      });
    };
    const stopAll = (then: () => void) => {
      stopping = true;
      const running = Object.values(cluster.workers ?? {});
      if (running.length === 0) return then();
      cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && then());
      // Each worker shuts down as a single server does on SIGTERM: requests in flight finish, work is released.
      for (const worker of running) worker?.process.kill('SIGTERM');
    };
    cluster.on('exit', (worker, code, signal) => {
      const listened = listening.delete(worker);
      if (stopping) return;
      const pid = worker.process.pid;
      if (!listened) {
        logger.error({ pid, code, signal }, `worker ${pid} stopped before it listened; stopping the others`);
        return stopAll(() => reject(new WorkerStartError(`worker ${pid} could not start (exit ${code ?? signal})`)));
      }
      logger.warn({ pid, code, signal }, `worker ${pid} died (${signal ?? `exit code ${code}`}); starting another`);
      fork();
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        if (stopping) return;
        logger.info(`${signal} received, stopping the workers`);
        stopAll(() => process.exit(0));
      });
    }
    for (let n = 0; n < config.workers; n += 1) fork();
  });
}
