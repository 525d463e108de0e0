// PostgreSQL only: a change notified while a server's LISTEN connection is being replaced (its backend terminated
// on this test's own database) still reaches that server's subscribers, read again from the rows once it is back.
import { describe, expect, it } from 'vitest';
import { onPostgresqlServer } from '../../src/persistence/postgresql-server.js';
import { Image } from '../../src/persistence/index.js';
import { ImageChangedDocument, UpdateImageDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { liveSocket, record, settled } from '../helpers/live.js';
import { useTestServer } from '../helpers/server.js';

const test = useTestServer();

/** Ends the server's listening connection, and no other; resolves with how many were ended. */
async function cutListener(): Promise<number> {
  const database = new URL(test.server.config.database_url!).pathname.slice(1);
  const ended = await onPostgresqlServer(process.env.GLANCE_TEST_DATABASE_URL!, (db) =>
    db.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and query ilike 'listen %'`, [database]),
  );
  return (ended as { rows: unknown[] }).rows.length;
}

describe.skipIf(testEngine() !== 'postgresql')('the notification connection replaced', () => {
  it('tells subscribers of the changes notified while it was down, then of later ones as before', { timeout: 30_000 }, async () => {
    const image = await createImage(test.alice, { name: 'before' });
    const socket = liveSocket(test.url, test.alice.token);
    const changes = record(socket, ImageChangedDocument, { id: image.id });
    await settled(socket);

    expect(await cutListener()).toBe(1);
    // Written as another process would, whose notification this one cannot hear now.
    await test.server.db.orm.em.fork().nativeUpdate(Image, { id: image.id }, { name: 'while not listening', updatedAt: new Date() });
    await changes.received(1);
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: 'after' } });
    await changes.received(2);

    expect(changes.results.map((result) => result.data?.imageChanged.image?.name)).toEqual(['while not listening', 'after']);
    await socket.dispose();
  });
});
