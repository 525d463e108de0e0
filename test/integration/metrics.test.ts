// /metrics after real requests: HTTP, GraphQL, image data, tasks and SQL series move as the requests did, and no
// label carries an id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument } from '../generated/operations.js';
import { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, download, upload } from './image-data-fixtures.js';
import { finishedTask, importInput, RAW_DATA, startImageSource, type ImageSource } from './tasks-fixtures.js';

type Labels = Record<string, string>;

/** The samples of the Prometheus text format, as name, labels and value. */
function samples(text: string): { name: string; labels: Labels; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText = '', value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries([...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((match) => [match[1]!, match[2]!]));
      return { name: name!, labels, value: Number(value) };
    });
}

/** The value of the one sample named `name` whose labels include `labels` (0 when there is none). */
function valueOf(text: string, name: string, labels: Labels = {}): number {
  const found = samples(text).filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('with metrics on (the default)', () => {
  let source: ImageSource;
  beforeAll(async () => {
    source = await startImageSource();
  });
  afterAll(() => source.close());
  // Imports may reach the local source, whose port is picked once the server is already configured.
  const test = useTestServer({ allowed_hosts: ['127.0.0.1'], allowed_ports: [] });
  const scrape = async () => {
    const response = await fetch(`${test.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  it('counts GraphQL operations by name, type and result, and errors by code', async () => {
    const before = await scrape();
    await test.alice.raw('query ListImages { images(first: 1) { edges { node { id } } } }');
    await test.alice.raw('mutation { deleteImage(input: { id: "00000000-0000-4000-8000-000000000000" }) { id } }');
    await new GraphQLClient(test.url, 'not-a-token').raw('{ viewer { userId } }');
    const after = await scrape();
    const grew = (name: string, labels: Labels) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(grew('graphql_operations_total', { operation: 'ListImages', type: 'query', result: 'success' })).toBe(1);
    expect(grew('graphql_operations_total', { operation: '', type: 'mutation', result: 'error' })).toBe(1);
    expect(grew('graphql_errors_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(grew('graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(grew('http_request_duration_seconds_count', { route: '/graphql', method: 'POST', status: '200' })).toBe(2);
    expect(grew('http_request_duration_seconds_count', { route: '/graphql', method: 'POST', status: '401' })).toBe(1);
    expect(grew('glance_db_statement_duration_seconds_count', { statement: 'select' })).toBeGreaterThan(0);
  });

  it('counts image bytes into and out of the store, by route pattern rather than image id', async () => {
    const before = await scrape();
    const { id } = await createImage(test.alice);
    const data = bytes(100_000);
    expect((await upload(test.alice, id, data)).status).toBe(204);
    const downloaded = await download(test.alice, id);
    expect(downloaded.status).toBe(200);
    // The whole body is read before the scrape, so the store has finished reading it.
    expect((await downloaded.arrayBuffer()).byteLength).toBe(data.length);
    await fetch(`${test.url}/no/such/${id}`);
    const after = await scrape();
    const grew = (name: string, labels: Labels) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(grew('glance_image_transfer_bytes_total', { direction: 'in' })).toBe(data.length);
    // The store counts a read when its file closes, which can come a moment after the response's last byte.
    await expect.poll(async () => valueOf(await scrape(), 'glance_image_transfer_bytes_total', { direction: 'out' }) - valueOf(before, 'glance_image_transfer_bytes_total', { direction: 'out' })).toBe(data.length);
    expect(grew('http_request_duration_seconds_count', { route: '/v2/images/:id/file', method: 'PUT', status: '204' })).toBe(1);
    expect(grew('http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(after).not.toMatch(UUID);
    expect(after).not.toMatch(/alice|project-a/);
  });

  it('reports live tasks by status, and the bytes an import brought in', async () => {
    const before = await scrape();
    const { createTask } = await test.admin.data(CreateTaskDocument, { input: importInput(source.url('/image.raw')) });
    expect((await finishedTask(test.admin, createTask!.task.id)).status).toBe('SUCCESS');
    const after = await scrape();

    expect(valueOf(after, 'glance_tasks', { status: 'success' }) - valueOf(before, 'glance_tasks', { status: 'success' })).toBe(1);
    expect(valueOf(after, 'glance_tasks', { status: 'pending' })).toBe(0);
    const imported = valueOf(after, 'glance_image_transfer_bytes_total', { direction: 'in' }) - valueOf(before, 'glance_image_transfer_bytes_total', { direction: 'in' });
    expect(imported).toBe(RAW_DATA.length);
  });

  it('includes the default process metrics', async () => {
    const text = await scrape();
    expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('with metrics: false', () => {
  const test = useTestServer({ metrics: false });

  it('serves no /metrics', async () => {
    expect((await fetch(`${test.url}/metrics`)).status).toBe(404);
  });
});
