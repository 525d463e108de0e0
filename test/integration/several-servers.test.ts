// Several server processes on one database and one image store behave as one service: work in progress belongs to
// the process doing it through a lease in the database, so a server starting beside it leaves it alone, and a
// server that dies (kill -9) has its uploads and tasks taken back by another within one lease length; checks and
// writes on one image from both processes (quotas, status) meet as if one process made them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddImageLocationDocument, AddImageTagDocument, CreateTaskDocument, DeactivateImageDocument, GetImageDocument, GetTaskDocument, ImageDataDocument,
} from '../generated/operations.js';
import { SPAWN_TEST_TIMEOUT } from '../helpers/cli.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useSharedServers } from '../helpers/shared-servers.js';
import { bytes, startSaving, storeFiles } from './image-data-fixtures.js';
import { importInput, startImageSource, type ImageSource } from './tasks-fixtures.js';

// Long enough that renewals every third of it survive a loaded CI machine's stalls.
const LEASE_SECONDS = 6;
const TAG_QUOTA = 5;
let source: ImageSource;

beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());

const servers = useSharedServers(() => ({
  GLANCE_WORK_LEASE_SECONDS: String(LEASE_SECONDS),
  GLANCE_IMAGE_TAG_QUOTA: String(TAG_QUOTA),
  GLANCE_SHOW_MULTIPLE_LOCATIONS: 'true',
  GLANCE_ALLOWED_HOSTS: '127.0.0.1',
  GLANCE_ALLOWED_PORTS: String(source.port),
  // The held upload and slow import must outlive several leases on a loaded machine; no minimum rate cuts them.
  GLANCE_UPLOAD_MIN_RATE: '0',
}));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const partialFilesOf = (id: string) => storeFiles(servers.dataDir).filter((name) => name.startsWith(`.partial/${id}.`));

async function startImport(admin: GraphQLClient) {
  const { task } = (await admin.mutate(CreateTaskDocument, { input: importInput(source.url('/slow.raw')) })).createTask;
  await expect
    .poll(async () => (await admin.data(GetTaskDocument, { id: task.id })).task, { timeout: 10_000, interval: 50 })
    .toMatchObject({ status: 'PROCESSING', image: { status: 'IMPORTING' } });
  return { taskId: task.id, imageId: task.image!.id };
}

describe('two server processes on one database', () => {
  it('a server starting beside another leaves its upload and import running, lease after lease', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const a = await servers.start();
    const { id } = await createImage(a.admin);
    const upload = await startSaving(a.admin, id, bytes(64 * 1024));
    const task = await startImport(a.admin);

    const b = await servers.start();
    // Long enough for several leases to lapse had A not renewed them, and for B to have checked for lapsed work.
    await sleep(2 * LEASE_SECONDS * 1000);
    expect((await b.admin.data(ImageDataDocument, { id })).image?.status).toBe('SAVING');
    expect((await b.admin.data(GetTaskDocument, { id: task.taskId })).task).toMatchObject({ status: 'PROCESSING', image: { status: 'IMPORTING' } });

    // Locations of an image whose data another process is receiving are refused, however many ask at once.
    const location = { imageId: id, url: source.url('/image.raw'), metadata: {} };
    const adds = await Promise.all(Array.from({ length: 20 }, () => b.admin.request(AddImageLocationDocument, { input: location })));
    expect(adds.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual(Array(20).fill('CONFLICT'));

    upload.send(bytes(1000));
    upload.finish();
    expect((await upload.response).status).toBe(204);
    const uploaded = (await b.admin.data(ImageDataDocument, { id })).image;
    expect(uploaded).toMatchObject({ status: 'ACTIVE', size: 64 * 1024 + 1000 });
    expect(uploaded?.locations).toHaveLength(1);

    // A change on one process is what the other answers at once.
    await a.admin.mutate(DeactivateImageDocument, { input: { id } });
    expect((await b.admin.data(ImageDataDocument, { id })).image?.status).toBe('DEACTIVATED');

    // Parallel count-then-insert split across both processes never passes the quota, and nothing fails otherwise.
    const tagged = await createImage(a.admin);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, n) => (n % 2 ? a : b).admin.request(AddImageTagDocument, { input: { imageId: tagged.id, tag: `t${n}` } })),
    );
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(TAG_QUOTA);
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'PAYLOAD_TOO_LARGE')).toBe(true);
    expect((await b.admin.data(GetImageDocument, { id: tagged.id })).image?.tags).toHaveLength(TAG_QUOTA);
    await a.serve.stop('SIGTERM');
    await b.serve.stop('SIGTERM');
  });

  it('the work of a server killed mid-upload and mid-import is taken back by the other within a lease', { timeout: SPAWN_TEST_TIMEOUT }, async () => {
    const [a, b] = [await servers.start(), await servers.start()];
    const { id } = await createImage(a.admin);
    const upload = await startSaving(a.admin, id, bytes(64 * 1024));
    await expect.poll(() => partialFilesOf(id).length, { timeout: 10_000, interval: 20 }).toBe(1);
    const { taskId, imageId } = await startImport(a.admin);

    await a.serve.stop('SIGKILL');
    upload.abort();
    const killedAt = Date.now();
    await expect
      .poll(async () => (await b.admin.data(ImageDataDocument, { id })).image, { timeout: 2 * LEASE_SECONDS * 1000, interval: 100 })
      .toMatchObject({ status: 'QUEUED', size: null, checksum: null });
    await expect
      .poll(async () => (await b.admin.data(GetTaskDocument, { id: taskId })).task?.status, { timeout: 2 * LEASE_SECONDS * 1000, interval: 100 })
      .toBe('FAILURE');
    // Renewals every third of the lease and checks every quarter: taken back within one lease of the kill (plus
    // the polling and a loaded machine's slack).
    expect(Date.now() - killedAt).toBeLessThan(LEASE_SECONDS * 1000 + 3_000);
    expect((await b.admin.data(GetTaskDocument, { id: taskId })).task?.message).toMatch(/^interrupted/);
    expect((await b.admin.data(ImageDataDocument, { id: imageId })).image).toBeNull();
    expect(partialFilesOf(id)).toEqual([]);
    expect(partialFilesOf(imageId)).toEqual([]);
    await b.serve.stop('SIGTERM');
  });
});
