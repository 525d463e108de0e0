// Tasks cut off by a clean stop never stay PROCESSING: the shutdown fails them at once, and the half-imported image
// and its partial data are gone. (A killed server's tasks are taken back by another: several-servers.test.ts.)
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { signToken } from '../../src/http/auth.js';
import { startServer, type RunningServer } from '../../src/http/start.js';
import { Task } from '../../src/persistence/index.js';
import { CreateTaskDocument, GetImageDocument, GetTaskDocument } from '../generated/operations.js';
import { GraphQLClient } from '../helpers/client.js';
import { useTestDatabase } from '../helpers/database.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

const database = useTestDatabase();
let source: ImageSource;
let dataDir: string;
let running: RunningServer | null = null;

beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());
afterEach(async () => {
  await running?.close();
  running = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** The real server, in this process, on a data dir that outlives it. */
async function startAt(dir: string): Promise<GraphQLClient> {
  const config = loadConfig({ env: {}, overrides: { data_dir: dir, database_url: database.url, port: 0, log_level: 'silent', ...sourceConfig(source) } });
  running = await startServer(config);
  const token = await signToken(running.jwtSecret, { userId: 'root', projectId: 'admin-project', roles: ['admin'], expiresIn: '1h' });
  return new GraphQLClient(running.url, token);
}

async function createImport(admin: GraphQLClient, path: string) {
  const { task } = (await admin.mutate(CreateTaskDocument, { input: importInput(source.url(path)) })).createTask;
  return { taskId: task.id, imageId: task.image!.id };
}

/**
 * Waits until the import is taking in data: its image is IMPORTING, so the store has begun staging it. (The
 * source sees the request earlier, before the server has the response headers.)
 */
async function untilImporting(admin: GraphQLClient, taskId: string): Promise<void> {
  await expect
    .poll(async () => (await admin.data(GetTaskDocument, { id: taskId })).task, { timeout: 10_000, interval: 20 })
    .toMatchObject({ status: 'PROCESSING', image: { status: 'IMPORTING' } });
}

/** Partial files left in the store; none when staging never created its directory. */
function partialFiles(): string[] {
  const dir = join(dataDir, 'images', '.partial');
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function expectInterrupted(admin: GraphQLClient, taskId: string, imageId: string) {
  const task = await finishedTask(admin, taskId);
  expect(task.status).toBe('FAILURE');
  expect(task.message).toMatch(/^interrupted: the server stopped before this task finished/);
  expect(task.expiresAt).not.toBeNull();
  expect((await admin.data(GetImageDocument, { id: imageId })).image).toBeNull();
  expect(partialFiles()).toEqual([]);
}

describe('tasks interrupted by a stop', () => {
  it('fail when the server shuts down cleanly, running and waiting ones alike', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glance-interrupt-'));
    const admin = await startAt(dataDir);
    // Two imports run at once; the third waits its turn.
    const imports = [await createImport(admin, '/slow.raw'), await createImport(admin, '/slow.raw'), await createImport(admin, '/slow.raw')];
    for (const { taskId } of imports.slice(0, 2)) await untilImporting(admin, taskId);
    expect(source.heldOpen()).toBe(2);
    expect((await admin.data(GetTaskDocument, { id: imports[2]!.taskId })).task?.status).toBe('PENDING');
    await running!.close();
    running = null;
    const restarted = await startAt(dataDir);
    for (const { taskId, imageId } of imports) await expectInterrupted(restarted, taskId, imageId);
  });

  it('record a task stopped between its image becoming ACTIVE and its own success as the success it was', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glance-interrupt-'));
    const admin = await startAt(dataDir);
    const { taskId, imageId } = await createImport(admin, '/image.raw');
    await finishedTask(admin, taskId);
    // What a crash in that instant leaves behind: the image is complete, the task still says PROCESSING.
    await running!.db.orm.em.fork().nativeUpdate(Task, { id: taskId }, { status: 'processing', result: null, expiresAt: null }, { filters: false });
    await running!.close();
    running = null;
    const task = await finishedTask(await startAt(dataDir), taskId);
    expect(task).toMatchObject({ status: 'SUCCESS', result: { imageId }, image: { id: imageId, status: 'ACTIVE' } });
  });
});
