// The crash probe: two server processes share one database and store; round after round, one of them is killed
// with SIGKILL at a random point of the uploads, import and sweep it runs, while the other works on (uploads and
// imports of its own) and a new process takes the killed one's place. After the last kill the survivor, within a
// few leases and with no restart, must leave nothing half-done: no image SAVING or IMPORTING, no task PENDING or
// PROCESSING, no file in the store that no image owns. On both engines. CRASH_ROUNDS sets the rounds (default 10),
// CRASH_SEED replays a run (the seed is in the failure message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, ImageDataDocument, PurgeExpiredTasksDocument } from '../generated/operations.js';
import { SPAWN_TEST_TIMEOUT } from '../helpers/cli.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { useSharedServers, type SharedServer } from '../helpers/shared-servers.js';
import { bytes, heldUpload, storeFiles, upload } from './image-data-fixtures.js';
import { importInput, startImageSource, type ImageSource } from './tasks-fixtures.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LEASE_SECONDS = 3;

let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());

const servers = useSharedServers(() => ({
  GLANCE_WORK_LEASE_SECONDS: String(LEASE_SECONDS),
  GLANCE_TASK_TIME_TO_LIVE: '0.0001',
  GLANCE_SHOW_MULTIPLE_LOCATIONS: 'true',
  GLANCE_ALLOWED_HOSTS: '127.0.0.1',
  GLANCE_ALLOWED_PORTS: String(source.port),
}));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the work of the server to be killed, without waiting for it: held and whole uploads, an import, a sweep. */
async function startWork(admin: GraphQLClient, random: () => number): Promise<void> {
  for (let n = 0; n < 1 + Math.floor(random() * 3); n += 1) {
    const { id } = await createImage(admin);
    const held = heldUpload(admin, id);
    held.send(bytes(1 + Math.floor(random() * 256 * 1024)));
  }
  const { id: whole } = await createImage(admin);
  void upload(admin, whole, bytes(Math.floor(random() * 512 * 1024))).catch(() => undefined);
  void admin.request(CreateTaskDocument, { input: importInput(source.url(random() < 0.5 ? '/slow.raw' : '/image.raw')) }).catch(() => undefined);
  void admin.request(PurgeExpiredTasksDocument).catch(() => undefined);
}

/** Work of the server that lives on, which ends by itself: a whole upload and an import of a quick source. */
async function startOtherWork(admin: GraphQLClient, random: () => number): Promise<void> {
  const { id } = await createImage(admin);
  void upload(admin, id, bytes(Math.floor(random() * 256 * 1024))).catch(() => undefined);
  void admin.request(CreateTaskDocument, { input: importInput(source.url('/image.raw')) }).catch(() => undefined);
}

async function leftovers(admin: GraphQLClient): Promise<string[]> {
  const { data } = await admin.raw(`{
    images(first: 1000) { edges { node { id status } } }
    tasks(first: 1000) { edges { node { id status } } }
  }`);
  const { images, tasks } = data as { images: { edges: { node: { id: string; status: string } }[] }; tasks: { edges: { node: { id: string; status: string } }[] } };
  const problems = [
    ...images.edges.filter(({ node }) => ['SAVING', 'IMPORTING'].includes(node.status)).map(({ node }) => `image ${node.id} is ${node.status}`),
    ...tasks.edges.filter(({ node }) => ['PENDING', 'PROCESSING'].includes(node.status)).map(({ node }) => `task ${node.id} is ${node.status}`),
  ];
  for (const file of storeFiles(servers.dataDir)) {
    if (file.startsWith('.partial/')) {
      problems.push(`partial file ${file}`);
      continue;
    }
    const image = (await admin.data(ImageDataDocument, { id: file })).image;
    if (!image?.locations?.some((location) => location.url.endsWith(`/${file}`))) problems.push(`file ${file} belongs to no image`);
  }
  return problems;
}

describe('SIGKILL of one of two servers at random points of uploads, imports and sweeps', () => {
  it(`leaves nothing half-done for the other to find after ${ROUNDS} rounds (seed ${SEED})`, { timeout: SPAWN_TEST_TIMEOUT + ROUNDS * 30_000 }, async () => {
    const random = seededRandom(SEED);
    const running: SharedServer[] = [await servers.start(), await servers.start()];
    for (let round = 0; round < ROUNDS; round += 1) {
      const victim = Math.floor(random() * 2);
      await startWork(running[victim]!.admin, random);
      await startOtherWork(running[1 - victim]!.admin, random);
      await sleep(Math.floor(random() * 800));
      await running[victim]!.serve.stop('SIGKILL');
      if (round < ROUNDS - 1) running[victim] = await servers.start();
      else running.splice(victim, 1);
    }
    // Work of a killed server is taken back by a running one within a lease of its last renewal.
    const survivor = running[0]!.admin;
    await expect.poll(() => leftovers(survivor), { timeout: 4 * LEASE_SECONDS * 1000, interval: 250 }).toEqual([]);
  });
});
