// PostgreSQL going away under a running server (a restart: every connection cut): the server does not hang,
// reconnects by itself, and work under way is not left half-written.
import { describe, expect, it } from 'vitest';
import { onPostgresqlServer } from '../../src/persistence/postgresql-server.js';
import { ImageDataDocument, ListImagesDocument } from '../generated/operations.js';
import { testEngine } from '../helpers/database.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, startSaving } from './image-data-fixtures.js';

const server = useTestServer();

/** What a restart does to this server's sessions: PostgreSQL ends every connection to its database. */
async function cutConnections(): Promise<void> {
  const database = new URL(server.server.config.database_url!).pathname.slice(1);
  await onPostgresqlServer(process.env.GLANCE_TEST_DATABASE_URL!, (db) =>
    db.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()', [database]),
  );
}

describe.skipIf(testEngine() !== 'postgresql')('a PostgreSQL restart while serving', () => {
  it('is survived: requests after it are answered, on fresh connections', { timeout: 30_000 }, async () => {
    const { id } = await createImage(server.alice);
    await cutConnections();
    for (let n = 0; n < 3; n += 1) {
      const answer = await server.alice.request(ListImagesDocument, { first: 5 });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.images.edges.map((edge) => edge.node.id)).toContain(id);
    }
  });

  it('leaves an upload under way whole: it ends ACTIVE with all its bytes', { timeout: 30_000 }, async () => {
    const { id } = await createImage(server.alice);
    const held = await startSaving(server.alice, id, bytes(4096));
    await cutConnections();
    held.send(bytes(100));
    held.finish();
    expect((await held.response).status).toBe(204);
    expect((await server.alice.data(ImageDataDocument, { id })).image).toMatchObject({ status: 'ACTIVE', size: 4196 });
  });
});
