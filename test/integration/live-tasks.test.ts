// taskChanged over a real WebSocket: an import's current state first, its progress and status changes, completion
// after SUCCESS or FAILURE; NOT_FOUND for another project's task.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, TaskChangedDocument } from '../generated/operations.js';
import { liveSocket, record } from '../helpers/live.js';
import { useTestServer } from '../helpers/server.js';
import { importInput, RAW_DATA, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());
const server = useTestServer(() => sourceConfig(source));

const sockets: Array<{ dispose(): unknown }> = [];
const socketAs = (token: string | null) => {
  const socket = liveSocket(server.url, token);
  sockets.push(socket);
  return socket;
};
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
});

const importFrom = async (path: string) =>
  (await server.admin.mutate(CreateTaskDocument, { input: importInput(source.url(path)) })).createTask.task;

describe('taskChanged', () => {
  it('sends the task as it is, its import progress and status changes, and completes after SUCCESS', async () => {
    const task = await importFrom('/image.raw');
    const changes = record(socketAs(server.admin.token), TaskChangedDocument, { id: task.id });
    await changes.ended;
    const events = changes.results.map((result) => result.data!.taskChanged);
    expect(events[0]).toMatchObject({ kind: 'UPDATED', taskId: task.id, task: { id: task.id } });
    expect(events.at(-1)).toMatchObject({ kind: 'UPDATED', task: { status: 'SUCCESS' } });
    // The import may have finished before the subscription began (its first event says so); if not, its progress
    // ends at the source's size.
    const progress = events.filter((event) => event.kind === 'PROGRESS').at(-1)?.progress;
    if (events[0]!.task!.status !== 'SUCCESS') expect(progress).toEqual({ bytesDone: RAW_DATA.length, bytesTotal: RAW_DATA.length });
  });

  it('completes after FAILURE', async () => {
    const task = await importFrom('/missing.raw');
    const changes = record(socketAs(server.admin.token), TaskChangedDocument, { id: task.id });
    await changes.ended;
    expect(changes.results.at(-1)?.data?.taskChanged.task?.status).toBe('FAILURE');
  });

  it('answers NOT_FOUND for a task of another project', async () => {
    const task = await importFrom('/image.raw');
    const [result] = await record(socketAs(server.alice.token), TaskChangedDocument, { id: task.id }).received(1);
    expect(result!.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
