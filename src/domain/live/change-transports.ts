// How changes reach the subscribers of every process: PostgreSQL NOTIFY when the database is PostgreSQL, the cluster
// primary's relay between workers on SQLite, and in-process for a single SQLite server.
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { listenOn, notify, type DatabaseLocation, type Orm } from '../../persistence/index.js';
import { InProcessChangeBus, type ChangeBus, type ChangeEvent } from './change-events.js';
import { changesSince } from './missed-changes.js';

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

/** `orm` is where changes missed while the PostgreSQL notification connection was down are read again. */
export async function openChangeBus(location: DatabaseLocation, orm: Orm, logger: Logger): Promise<OpenChangeBus> {
  if (location.engine === 'postgresql') return overNotify(location.url, orm, logger);
  if (cluster.isWorker) return throughClusterPrimary();
  return { bus: new InProcessChangeBus(), close: async () => undefined };
}

async function overNotify(url: string, orm: Orm, logger: Logger): Promise<OpenChangeBus> {
  const bus = new RelayedChangeBus((event) => {
    // Ids only, so far under NOTIFY's 8,000 bytes; a failure (the database is down) loses this event for live
    // subscribers alone.
    notify(orm, NOTIFY_CHANNEL, JSON.stringify(event)).catch((error: unknown) => logger.error({ err: error, event }, 'live updates: could not publish a change'));
  });
  // What was notified while the connection was down is read again from the rows and told to this process alone.
  const recover = async (lostAt: Date) => {
    const missed = await changesSince(orm, lostAt);
    if (missed.truncated) logger.warn({ lostAt }, 'live updates: more changes than can be told again since the notification connection was lost');
    missed.events.forEach((event) => bus.receive(event));
  };
  const channel = await listenOn(url, NOTIFY_CHANNEL, {
    receive: (payload) => bus.receive(JSON.parse(payload) as ChangeEvent),
    problem: (error) => logger.warn({ err: error }, 'live updates: the PostgreSQL notification connection failed; reconnecting'),
    reconnected: (lostAt) =>
      void recover(lostAt).catch((error: unknown) => logger.error({ err: error }, 'live updates: could not read the changes missed while reconnecting')),
  });
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
