// Import tasks over HTTP: the executor really fetches from a local server, fills the image through the upload
// path, and ends SUCCESS or FAILURE with a message; bad input is refused before a task exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageMember } from '../../src/persistence/index.js';
import { AddImageMemberDocument, CreateTaskDocument, GetImageDocument, ListTasksDocument } from '../generated/operations.js';
import { startTestServer, useTestServer } from '../helpers/server.js';
import {
  digestOf, finishedTask, holdRefusedPort, importInput, QCOW2_DATA, RAW_DATA, sourceConfig, startImageSource, type ImageSource,
} from './tasks-fixtures.js';

let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());
const server = useTestServer(() => sourceConfig(source, { image_size_cap: 2 * 1024 * 1024 }));

const create = async (input: ReturnType<typeof importInput>) => (await server.admin.mutate(CreateTaskDocument, { input })).createTask.task;

describe('createTask (IMPORT) that succeeds', () => {
  it('answers PENDING at once with its image not yet ACTIVE, then ends SUCCESS with an ACTIVE image holding the data', async () => {
    const accepted = await create(importInput(source.url('/image.raw'), { imageProperties: { name: 'from-url', containerFormat: 'BARE', tags: ['imported'] } }));
    expect(accepted).toMatchObject({ type: 'IMPORT', status: 'PENDING', owner: 'admin-project', message: '', result: null, expiresAt: null });
    expect(accepted.input).toMatchObject({ importFrom: source.url('/image.raw'), importFromFormat: 'raw' });
    expect(accepted.image).toMatchObject({ owner: 'admin-project', diskFormat: 'RAW', containerFormat: 'BARE', name: 'from-url' });
    // The executor may already have started on it by the time the payload is read.
    expect(accepted.image!.status).toMatch(/^(QUEUED|IMPORTING)$/);

    const done = await finishedTask(server.admin, accepted.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.message).toBe('');
    expect(done.result).toEqual({ imageId: accepted.image!.id });
    expect(done.image).toMatchObject({ id: accepted.image!.id, status: 'ACTIVE', size: RAW_DATA.length, osHashAlgo: 'sha512', ...digestOf(RAW_DATA) });
    // Default task_time_to_live: 48 hours after the task finished.
    expect(new Date(done.expiresAt!).getTime() - new Date(done.updatedAt).getTime()).toBe(48 * 3_600_000);
  });

  it('gives a task the same input and result in tasks() as in task(id)', async () => {
    const done = await finishedTask(server.admin, (await create(importInput(source.url('/image.raw')))).id);
    const { tasks } = await server.admin.data(ListTasksDocument, { first: 50 });
    const listed = tasks.edges.find((edge) => edge.node.id === done.id)!.node;
    expect(listed.input).toEqual(done.input);
    expect(listed.input).toMatchObject({ importFromFormat: 'raw' });
    expect(listed.result).toEqual(done.result);
    expect(listed.result).toEqual({ imageId: done.image!.id });
  });

  it('imports QCOW2 data declared as QCOW2, and follows a redirect the filter allows', async () => {
    const qcow2 = await finishedTask(server.admin, (await create(importInput(source.url('/image.qcow2'), { importFromFormat: 'QCOW2' }))).id);
    expect(qcow2).toMatchObject({ status: 'SUCCESS', image: { diskFormat: 'QCOW2', size: QCOW2_DATA.length, ...digestOf(QCOW2_DATA) } });
    const redirected = await finishedTask(server.admin, (await create(importInput(source.url('/redirect')))).id);
    expect(redirected).toMatchObject({ status: 'SUCCESS', image: { status: 'ACTIVE', size: RAW_DATA.length } });
  });
});

describe('createTask (IMPORT) that fails while running', () => {
  it.each([
    ['an HTTP error', '/missing.raw', {}, /^http:\/\/127\.0\.0\.1:\d+\/missing\.raw answered HTTP 404 Not Found$/],
    ['data larger than image_size_cap (announced)', '/big', {}, /larger than image_size_cap \(2097152 bytes\)/],
    ['data in another format than declared', '/image.qcow2', {}, /^the data is a QCOW2 image, not RAW as importFromFormat says$/],
    ['a transfer that breaks off', '/broken.raw', {}, /^the transfer from http:\/\/127\.0\.0\.1:\d+\/broken\.raw broke off/],
  ])('%s ends FAILURE with a message and leaves no image', async (_case, path, overrides, message) => {
    const accepted = await create(importInput(source.url(path), overrides));
    const done = await finishedTask(server.admin, accepted.id);
    expect(done.status).toBe('FAILURE');
    expect(done.message).toMatch(message);
    expect(done.result).toBeNull();
    expect(done.image).toBeNull();
    expect(done.expiresAt).not.toBeNull();
    expect((await server.admin.data(GetImageDocument, { id: accepted.image!.id })).image).toBeNull();
  });

  it('stops a stream without Content-Length as soon as it passes image_size_cap', async () => {
    const small = await startTestServer(sourceConfig(source, { image_size_cap: 100_000 }));
    try {
      const { admin: smallAdmin } = await small.personas();
      const accepted = (await smallAdmin.mutate(CreateTaskDocument, { input: importInput(source.url('/chunked.raw')) })).createTask.task;
      const done = await finishedTask(smallAdmin, accepted.id);
      expect(done).toMatchObject({ status: 'FAILURE', image: null });
      expect(done.message).toBe('the image data is larger than image_size_cap (100000 bytes)');
    } finally {
      await small.close();
    }
  });

  it('reports an unreachable source in words', async () => {
    const refused = await holdRefusedPort();
    const unreachable = await startTestServer(sourceConfig(refused));
    try {
      const { admin: other } = await unreachable.personas();
      const accepted = (await other.mutate(CreateTaskDocument, { input: importInput(refused.url('/image.raw')) })).createTask.task;
      const done = await finishedTask(other, accepted.id);
      expect(done.status).toBe('FAILURE');
      expect(done.message).toBe(`could not fetch ${refused.url('/image.raw')}: the connection was refused`);
    } finally {
      await unreachable.close();
      await refused.release();
    }
  });

  it('deletes the members the owner added to the QUEUED image along with it, as deleteImage does', async () => {
    const accepted = await create(importInput(source.url('/gated.raw')));
    const imageId = accepted.image!.id;
    await server.admin.mutate(AddImageMemberDocument, { input: { imageId, memberId: 'project-b' } });
    source.openGate();
    const done = await finishedTask(server.admin, accepted.id);
    expect(done).toMatchObject({ status: 'FAILURE', image: null });
    expect(done.message).toMatch(/answered HTTP 404 Not Found$/);
    // Kept for audit, like every soft-deleted row, but no longer live.
    const rows = await server.server.db.orm.em.fork().find(ImageMember, { image: imageId }, { filters: false });
    expect(rows.map((row) => [row.memberId, row.deleted])).toEqual([['project-b', true]]);
  });
});

describe('createTask with an owner in imageProperties', () => {
  it('lets an admin import into another project\'s image, as createImage does (the task stays the admin\'s)', async () => {
    const accepted = await create(importInput(source.url('/image.raw'), { imageProperties: { containerFormat: 'BARE', owner: 'project-b' } }));
    const done = await finishedTask(server.admin, accepted.id);
    expect(done).toMatchObject({ status: 'SUCCESS', owner: 'admin-project', image: { owner: 'project-b', status: 'ACTIVE' } });
  });
});

describe('createTask input checks (before any task exists)', () => {
  const taskCount = async () => (await server.admin.data(ListTasksDocument, { first: 1000 })).tasks.edges.length;

  it.each([
    ['a URL to the metadata service', importInput('http://169.254.169.254/latest/meta-data'), /not allowed/],
    ['a port outside allowed_ports', importInput('http://127.0.0.1:1/image.raw'), /port 1 is not permitted/],
    ['a scheme outside allowed_schemes', importInput('file:///etc/passwd'), /scheme "file"/],
    ['text that is not a URL', importInput('not a url'), /not a valid absolute URL/],
    ['no container format', importInput('http://127.0.0.1/x', { imageProperties: { name: 'x' } }), /containerFormat is required/],
    [
      'a disk format other than importFromFormat',
      importInput('http://127.0.0.1/x', { imageProperties: { containerFormat: 'BARE', diskFormat: 'QCOW2' } }),
      /does not convert formats/,
    ],
    ['a bad image field', importInput('http://127.0.0.1/x', { imageProperties: { containerFormat: 'BARE', name: 'x'.repeat(300) } }), /name/],
  ])('refuses %s with BAD_USER_INPUT', async (_case, input, message) => {
    const before = await taskCount();
    const withPort = JSON.parse(JSON.stringify(input).replace('http://127.0.0.1/x', source.url('/image.raw'))) as typeof input;
    const error = await server.admin.error('BAD_USER_INPUT', CreateTaskDocument, { input: withPort });
    expect(error.message).toMatch(message);
    expect(await taskCount()).toBe(before);
  });
});
