// Tasks cut off by a stop never stay PROCESSING: a clean shutdown fails them at once, a killed server fails them
// at its next start; either way the half-imported image and its partial data are gone.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { signToken } from '../../src/http/auth.js';
import { startServer, type RunningServer } from '../../src/http/start.js';
import { Task } from '../../src/persistence/index.js';
import { CreateTaskDocument, GetImageDocument, GetTaskDocument } from '../generated/operations.js';
import { GraphQLClient } from '../helpers/client.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
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
  const config = loadConfig({ env: {}, overrides: { data_dir: dir, port: 0, log_level: 'silent', ...sourceConfig(source) } });
  running = await startServer(config);
  const token = await signToken(running.jwtSecret, { userId: 'root', projectId: 'admin-project', roles: ['admin'], expiresIn: '1h' });
  return new GraphQLClient(running.url, token);
}

async function createImport(admin: GraphQLClient, path: string) {
  const { task } = (await admin.data(CreateTaskDocument, { input: importInput(source.url(path)) })).createTask;
  return { taskId: task.id, imageId: task.image!.id };
}

async function startSlowImport(admin: GraphQLClient) {
  const started = await createImport(admin, '/slow.raw');
  await expect.poll(() => source.heldOpen(), { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
  // The source sees the request before the server has its response headers and moves the image to IMPORTING.
  await expect
    .poll(async () => (await admin.data(GetTaskDocument, { id: started.taskId })).task, { timeout: 10_000, interval: 20 })
    .toMatchObject({ status: 'PROCESSING', image: { status: 'IMPORTING' } });
  return started;
}

async function expectInterrupted(admin: GraphQLClient, taskId: string, imageId: string) {
  const task = await finishedTask(admin, taskId);
  expect(task.status).toBe('FAILURE');
  expect(task.message).toMatch(/^interrupted: the server stopped before this task finished/);
  expect(task.expiresAt).not.toBeNull();
  expect((await admin.data(GetImageDocument, { id: imageId })).image).toBeNull();
  expect(readdirSync(join(dataDir, 'images', '.partial'))).toEqual([]);
}

describe('tasks interrupted by a stop', () => {
  it('fail when the server shuts down cleanly, running and waiting ones alike', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glance-interrupt-'));
    const admin = await startAt(dataDir);
    // Two imports run at once; the third waits its turn.
    const imports = [await createImport(admin, '/slow.raw'), await createImport(admin, '/slow.raw'), await createImport(admin, '/slow.raw')];
    await expect.poll(() => source.heldOpen(), { timeout: 10_000, interval: 20 }).toBe(2);
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

  it('fail at the next start when the server was killed mid-import', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glance-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env, GLANCE_DATA_DIR: dataDir, GLANCE_PORT: '0', GLANCE_LOG_LEVEL: 'warn',
        GLANCE_ALLOWED_HOSTS: '127.0.0.1', GLANCE_ALLOWED_PORTS: String(source.port),
      },
    });
    const exited = new Promise((done) => child.once('exit', done));
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await expect.poll(() => output, { timeout: 20_000, interval: 50 }).toMatch(/admin\s+\(project admin, role admin\):\s+\S+/);
      const url = /serving (http:\/\/\S+)\/graphql/.exec(output)![1]!;
      const token = /admin\s+\(project admin, role admin\):\s+(\S+)/.exec(output)![1]!;
      const { taskId, imageId } = await startSlowImport(new GraphQLClient(url, token));
      child.kill('SIGKILL');
      await exited;
      await expectInterrupted(await startAt(dataDir), taskId, imageId);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
