// How changes reach the subscribers of every process: PostgreSQL NOTIFY when the database is PostgreSQL, the cluster
// primary's relay between workers on SQLite, and in-process for a single SQLite server.
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { listenOn, type DatabaseLocation } from '../../persistence/index.js';
import { InProcessChangeBus, type ChangeBus, type ChangeEvent } from './change-events.js';

/** The NOTIFY channel every process listens on. */
const NOTIFY_CHANNEL = 'glance_changes';

/** The IPC message a worker sends its primary, and the primary passes to every worker, for each change. */
export const CLUSTER_CHANGE_MESSAGE = 'glance:change';

export interface ClusterChangeMessage {
  type: typeof CLUSTER_CHANGE_MESSAGE;
  event: ChangeEvent;
}

export interface OpenChangeBus {
  bus: ChangeBus;
  close(): Promise<void>;
}

/**
 * A bus whose events go out through a relay and come back from it, from every process this one included, so a
 * process's own subscribers hear its changes in the same order as everyone else's.
 */
class RelayedChangeBus implements ChangeBus {
  private readonly local = new InProcessChangeBus();

  constructor(private readonly send: (event: ChangeEvent) => void) {}

  publish(event: ChangeEvent): void {
    this.send(event);
  }

  /** An event the relay delivered. */
  receive(event: ChangeEvent): void {
    this.local.publish(event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    return this.local.subscribe(listener);
  }
}

export async function openChangeBus(location: DatabaseLocation, logger: Logger): Promise<OpenChangeBus> {
  if (location.engine === 'postgresql') return overNotify(location.url, logger);
  if (cluster.isWorker) return throughClusterPrimary();
  return { bus: new InProcessChangeBus(), close: async () => undefined };
}

async function overNotify(url: string, logger: Logger): Promise<OpenChangeBus> {
  let notify: (payload: string) => Promise<void> = async () => undefined;
  const bus = new RelayedChangeBus((event) => {
    // Ids only, so far under NOTIFY's 8,000 bytes; a failure loses this event for live subscribers alone.
    notify(JSON.stringify(event)).catch((error: unknown) => logger.error({ err: error, event }, 'live updates: could not publish a change'));
  });
  const channel = await listenOn(url, NOTIFY_CHANNEL, (payload) => bus.receive(JSON.parse(payload) as ChangeEvent), (error) =>
    logger.warn({ err: error }, 'live updates: the PostgreSQL notification connection failed; reconnecting'),
  );
  notify = channel.notify;
  return { bus, close: () => channel.close() };
}

function throughClusterPrimary(): OpenChangeBus {
  const bus = new RelayedChangeBus((event) => {
    if (process.connected) process.send?.({ type: CLUSTER_CHANGE_MESSAGE, event } satisfies ClusterChangeMessage);
  });
  const receive = (message: Partial<ClusterChangeMessage>) => message.type === CLUSTER_CHANGE_MESSAGE && message.event && bus.receive(message.event);
  process.on('message', receive);
  return { bus, close: async () => void process.off('message', receive) };
}
