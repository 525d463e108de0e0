// PostgreSQL LISTEN/NOTIFY: listening on a connection of its own, notifying through the pool. What one process
// notifies, every process listening on the channel hears, itself included. A dropped listening connection (a
// PostgreSQL restart, a terminated backend) is replaced by itself, and the listener told since when it missed out.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Orm } from './orm.js';

/** NOTIFY refuses payloads of 8,000 bytes or more. */
export const MAX_NOTIFICATION_BYTES = 7_999;

const RECONNECT_DELAY_MS = 1_000;

export interface NotificationChannel {
  close(): Promise<void>;
}

/**
 * Notifies `channel` through the database's pool, not the listening connection: a notification sent while that
 * connection is being replaced still reaches every other process.
 */
export async function notify(orm: Orm, channel: string, payload: string): Promise<void> {
  if (Buffer.byteLength(payload) > MAX_NOTIFICATION_BYTES) throw new Error(`a notification on ${channel} is over NOTIFY's limit`);
  await orm.em.getConnection().execute('select pg_notify(?, ?)', [channel, payload]);
}

export interface NotificationHandlers {
  /** Each payload heard. */
  receive(payload: string): void;
  /** Why the connection failed, or why replacing it did. */
  problem(error: Error): void;
  /** The connection lost at `lostAt` has been replaced: what was notified in between was missed. */
  reconnected(lostAt: Date): void;
}

/**
 * Listens on `channel` of the database at `url`. While the connection is down (until it is replaced, about a
 * second after PostgreSQL is back), notifications are missed; `reconnected` is told since when.
 */
export async function listenOn(url: string, channel: string, { receive, problem, reconnected }: NotificationHandlers): Promise<NotificationChannel> {
  let closed = false;
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', problem);
    client.on('notification', (message) => message.channel === channel && message.payload !== undefined && receive(message.payload));
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    // Only a connection that listened is replaced when it ends, so a failed attempt starts no second loop.
    client.once('end', () => void (closed ? undefined : replace(new Date())));
    return client;
  };
  const replace = async (lostAt: Date) => {
    while (!closed) {
      await sleep(RECONNECT_DELAY_MS);
      try {
        current = await connect();
        return reconnected(lostAt);
      } catch (error) {
        problem(error as Error);
      }
    }
  };
  let current = await connect();
  return {
    async close() {
      closed = true;
      await current.end();
    },
  };
}
