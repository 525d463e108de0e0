// PostgreSQL LISTEN/NOTIFY on a connection of its own: what one process notifies, every process listening on the
// channel hears, itself included.
import pg from 'pg';

/** NOTIFY refuses payloads of 8,000 bytes or more. */
export const MAX_NOTIFICATION_BYTES = 7_999;

export interface NotificationChannel {
  notify(payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Listens on `channel` of the database at `url`, calling `receive` with each payload. */
export async function listenOn(url: string, channel: string, receive: (payload: string) => void): Promise<NotificationChannel> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('notification', (message) => message.channel === channel && message.payload !== undefined && receive(message.payload));
  await client.query(`listen ${client.escapeIdentifier(channel)}`);
  return {
    async notify(payload) {
      if (Buffer.byteLength(payload) > MAX_NOTIFICATION_BYTES) throw new Error(`a notification on ${channel} is over NOTIFY's limit`);
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => client.end(),
  };
}
