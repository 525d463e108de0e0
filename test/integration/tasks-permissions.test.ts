// Who may use tasks: the tasks API is for admins by default (tasks_api_access); where an operator opens it,
// each project sees only its own tasks, readers may look but not create, and only admins purge.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTaskDocument, GetTaskDocument, ListTasksDocument, PurgeExpiredTasksDocument,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { useTestServer } from '../helpers/server.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());

const createAs = async (client: GraphQLClient) => (await client.mutate(CreateTaskDocument, { input: importInput(source.url('/image.raw')) })).createTask.task;
const listedIds = async (client: GraphQLClient) => (await client.data(ListTasksDocument, { first: 100 })).tasks.edges.map((edge) => edge.node.id);

describe('with the default policies', () => {
  const server = useTestServer(() => sourceConfig(source));

  it('refuses every task operation to non-admins (tasks_api_access is role:admin)', async () => {
    const task = await createAs(server.admin);
    await server.alice.error('FORBIDDEN', CreateTaskDocument, { input: importInput(source.url('/image.raw')) });
    await server.alice.error('FORBIDDEN', ListTasksDocument, { first: 10 });
    await server.alice.error('FORBIDDEN', GetTaskDocument, { id: task.id });
    await server.alice.error('FORBIDDEN', PurgeExpiredTasksDocument);
  });
});

describe('with tasks_api_access opened to readers', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'glance-task-policy-'));
  afterAll(() => rmSync(policyDir, { recursive: true, force: true }));
  const server = useTestServer(() => {
    const policyFile = join(policyDir, 'policy.yaml');
    writeFileSync(policyFile, 'tasks_api_access: "role:reader"\n');
    return sourceConfig(source, { policy_file: policyFile });
  });
  let aliceTask: { id: string; image?: { id: string } | null };
  let bobTask: { id: string };

  beforeAll(async () => {
    aliceTask = await createAs(server.alice);
    bobTask = await createAs(server.bob);
    await finishedTask(server.alice, aliceTask.id);
    await finishedTask(server.bob, bobTask.id);
  });

  it('lets members import into their own project', async () => {
    const done = await finishedTask(server.alice, aliceTask.id);
    expect(done).toMatchObject({ status: 'SUCCESS', owner: 'project-a', image: { owner: 'project-a', status: 'ACTIVE' } });
  });

  it('shows each project only its own tasks, and admins every project\'s', async () => {
    expect(await listedIds(server.alice)).toEqual([aliceTask.id]);
    expect(await listedIds(server.bob)).toEqual([bobTask.id]);
    expect(await listedIds(server.admin)).toEqual(expect.arrayContaining([aliceTask.id, bobTask.id]));
    expect((await server.bob.data(GetTaskDocument, { id: aliceTask.id })).task).toBeNull();
    expect((await server.admin.data(GetTaskDocument, { id: aliceTask.id })).task?.owner).toBe('project-a');
  });

  it('lets a reader of the project look at its tasks but not create one (add_task)', async () => {
    expect((await server.reader.data(GetTaskDocument, { id: aliceTask.id })).task?.image?.id).toBe(aliceTask.image!.id);
    expect(await listedIds(server.reader)).toEqual([aliceTask.id]);
    const error = await server.reader.error('FORBIDDEN', CreateTaskDocument, { input: importInput(source.url('/image.raw')) });
    expect(error.message).toMatch(/add_task/);
  });

  it('keeps purgeExpiredTasks for admins (context_is_admin)', async () => {
    await server.alice.error('FORBIDDEN', PurgeExpiredTasksDocument);
    expect((await server.admin.mutate(PurgeExpiredTasksDocument)).purgeExpiredTasks.softDeletedCount).toBe(0);
  });

  it('answers null, not an error, for an id that is not a task id', async () => {
    expect((await server.alice.data(GetTaskDocument, { id: 'not-a-uuid' })).task).toBeNull();
  });

  it('takes an owner in imageProperties as createImage does: a member may name its own project only', async () => {
    const withOwner = (owner: string) => importInput(source.url('/image.raw'), { imageProperties: { containerFormat: 'BARE', owner } });
    const own = (await server.alice.mutate(CreateTaskDocument, { input: withOwner('project-a') })).createTask.task;
    expect(await finishedTask(server.alice, own.id)).toMatchObject({ status: 'SUCCESS', image: { owner: 'project-a' } });
    const before = await listedIds(server.alice);
    await server.alice.error('FORBIDDEN', CreateTaskDocument, { input: withOwner('project-b') });
    expect(await listedIds(server.alice)).toEqual(before);
  });
});
