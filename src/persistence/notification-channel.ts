// PostgreSQL LISTEN/NOTIFY on a connection of its own: what one process notifies, every process listening on the
// channel hears, itself included. A dropped connection (a PostgreSQL restart) is replaced by itself.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** NOTIFY refuses payloads of 8,000 bytes or more. */
export const MAX_NOTIFICATION_BYTES = 7_999;

const RECONNECT_DELAY_MS = 1_000;

export interface NotificationChannel {
  notify(payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Listens on `channel` of the database at `url`, calling `receive` with each payload. While the connection is
 * down (until it is replaced, about a second after PostgreSQL is back), notifications are missed; `problem` hears why.
 */
export async function listenOn(
  url: string,
  channel: string,
  receive: (payload: string) => void,
  problem: (error: Error) => void,
): Promise<NotificationChannel> {
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
    client.once('end', () => void (closed ? undefined : replace()));
    return client;
  };
  const replace = async () => {
    while (!closed) {
      await sleep(RECONNECT_DELAY_MS);
      try {
        current = await connect();
        return;
      } catch (error) {
        problem(error as Error);
      }
    }
  };
  let current = await connect();
  return {
    async notify(payload) {
      if (Buffer.byteLength(payload) > MAX_NOTIFICATION_BYTES) throw new Error(`a notification on ${channel} is over NOTIFY's limit`);
      await current.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      await current.end();
    },
  };
}
