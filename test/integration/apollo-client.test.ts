// Apollo Client with its default InMemoryCache (no typePolicies), in node, against the real server: changes made
// by mutations and later reads land in the cached lists, with no cache warnings; persisted queries, paging both
// ways, a multi-mutation with one failure, CORS as a browser meets it, and a federated query.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  AddImageMemberDocument, AnswerMembershipDocument, CachedImagesDocument, CachedTaskDocument, CachedTasksDocument, CreateTaskDocument,
  RenameImageDocument, type CachedImagesQueryVariables,
} from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { startFederatedGraph, type FederatedGraph } from './federation-fixtures.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

// Apollo Client logs its cache warnings only in development mode, which node's default export leaves off.
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
const { ApolloClient, CombinedGraphQLErrors, gql, HttpLink, InMemoryCache } = await import('@apollo/client');
const { PersistedQueryLink } = await import('@apollo/client/link/persisted-queries');

const APP = 'http://app.example.test';

let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(() => source.close());
const server = useTestServer(() => sourceConfig(source, { cors_allowed_origin: [APP] }));

interface ClientOptions {
  url?: string;
  fetch?: typeof fetch;
  persisted?: boolean;
}

function apolloAs(user: GraphQLClient, options: ClientOptions = {}) {
  const http = new HttpLink({ uri: options.url ?? `${server.url}/graphql`, headers: { authorization: `Bearer ${user.token}` }, fetch: options.fetch ?? fetch });
  const sha256 = (query: string) => createHash('sha256').update(query).digest('hex');
  return new ApolloClient({ link: options.persisted ? new PersistedQueryLink({ sha256 }).concat(http) : http, cache: new InMemoryCache() });
}

/** fetch as a page served from `origin` does it: a preflight first, and no answer without CORS headers for it. */
function browserFetch(origin: string): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    const names: string[] = [];
    headers.forEach((_value, name) => names.push(name));
    const preflight = await fetch(input, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': init.method ?? 'GET', 'access-control-request-headers': names.join(',') },
    });
    if (preflight.headers.get('access-control-allow-origin') !== origin) throw new TypeError('Failed to fetch: the CORS preflight was refused');
    headers.set('origin', origin);
    const response = await fetch(input, { ...init, headers });
    if (response.headers.get('access-control-allow-origin') !== origin) throw new TypeError('Failed to fetch: no CORS headers');
    return response;
  };
}

/** The normalised entry `key` (`Image:<id>`) of the client's cache. */
const cached = (apollo: ReturnType<typeof apolloAs>, key: string) => (apollo.cache.extract() as Record<string, object | undefined>)[key];

let warnings: MockInstance[];
beforeEach(() => {
  warnings = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
});
afterEach(() => {
  for (const spy of warnings) {
    expect(spy.mock.calls).toEqual([]);
    spy.mockRestore();
  }
});

describe('the default cache normalises every object by its id', () => {
  it('reports cache warnings where this suite can see them (a write missing a field)', () => {
    const cache = new InMemoryCache();
    cache.writeQuery({ query: gql`{ viewer { userId projectId } }`, data: { viewer: { __typename: 'Viewer', userId: 'u' } } });
    expect(warnings.some((spy) => spy.mock.calls.length > 0)).toBe(true);
    for (const spy of warnings) spy.mockClear();
  });

  it('shows an image renamed by a mutation under its new name in the cached list', async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await createImage(server.alice, { name: `ac-${n}`, tags: ['ac-list'] })).id);
    const apollo = apolloAs(server.alice);
    const variables = { filter: { tags: ['ac-list'] } };
    const listed = await apollo.query({ query: CachedImagesDocument, variables });
    expect(listed.data!.images.edges.map((edge) => edge.node.name)).toEqual(['ac-3', 'ac-2', 'ac-1']);

    await apollo.mutate({ mutation: RenameImageDocument, variables: { input: { id: ids[1]!, name: 'renamed' } } });
    const cached = apollo.readQuery({ query: CachedImagesDocument, variables });
    expect(cached!.images.edges.map((edge) => edge.node.name)).toEqual(['ac-3', 'renamed', 'ac-1']);
  });

  it('shows a membership answered by a mutation as answered in the cached list', async () => {
    const { id } = await createImage(server.alice, { name: 'ac-shared', tags: ['ac-member'] });
    await server.alice.mutate(AddImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
    const apollo = apolloAs(server.bob);
    const variables: CachedImagesQueryVariables = { filter: { tags: ['ac-member'], visibility: 'SHARED', memberStatus: 'PENDING' } };
    const listed = await apollo.query({ query: CachedImagesDocument, variables });
    const [member] = listed.data!.images.edges[0]!.node.members!;
    expect(member).toMatchObject({ memberId: 'project-b', status: 'PENDING' });

    await apollo.mutate({ mutation: AnswerMembershipDocument, variables: { input: { imageId: id, memberId: 'project-b', status: 'ACCEPTED' } } });
    const cached = apollo.readQuery({ query: CachedImagesDocument, variables });
    expect(cached!.images.edges[0]!.node.members).toEqual([{ __typename: 'ImageMember', id: member!.id, memberId: 'project-b', status: 'ACCEPTED' }]);
  });

  it('shows a task read again after it finished as finished in the cached list, input and result alike', async () => {
    const { createTask } = await server.admin.mutate(CreateTaskDocument, { input: importInput(source.url('/gated.raw')) });
    const apollo = apolloAs(server.admin);
    const listed = await apollo.query({ query: CachedTasksDocument });
    expect(listed.data!.tasks.nodes.find((task) => task.id === createTask.task.id)?.status).toMatch(/^(PENDING|PROCESSING)$/);

    source.openGate();
    await finishedTask(server.admin, createTask.task.id);
    const read = await apollo.query({ query: CachedTaskDocument, variables: { id: createTask.task.id }, fetchPolicy: 'network-only' });
    const cached = apollo.readQuery({ query: CachedTasksDocument })!.tasks.nodes.find((task) => task.id === createTask.task.id);
    expect(cached).toEqual(read.data!.task);
    expect(cached).toMatchObject({ status: 'FAILURE', message: expect.stringMatching(/404/), input: { importFromFormat: 'raw' } });
  });
});

describe('persisted queries (APQ)', () => {
  it('sends the hash, is told PERSISTED_QUERY_NOT_FOUND, sends the query once, then only the hash again', async () => {
    const bodies: { query?: string; extensions?: { persistedQuery?: unknown } }[] = [];
    const recording: typeof fetch = (input, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const query = gql`query WhoAmI { viewer { userId } }`;
    for (let client = 0; client < 2; client += 1) {
      const { data } = await apolloAs(server.alice, { fetch: recording, persisted: true }).query({ query });
      expect(data).toEqual({ viewer: { __typename: 'Viewer', userId: 'alice' } });
    }
    expect(bodies.map((body) => [body.query !== undefined, body.extensions?.persistedQuery !== undefined])).toEqual([
      [false, true],
      [true, true],
      [false, true],
    ]);
  });
});

describe('paging', () => {
  it('walks forward and backward with no row missing or repeated', async () => {
    for (let n = 0; n < 12; n += 1) await createImage(server.alice, { name: `ac-walk-${n}`, tags: ['ac-walk'] });
    const apollo = apolloAs(server.alice);
    const filter = { tags: ['ac-walk'] };
    const all = (await apollo.query({ query: CachedImagesDocument, variables: { filter, first: 50 } })).data!.images;
    expect(all.totalCount).toBe(12);
    const everyId = all.edges.map((edge) => edge.node.id);

    const page = async (paging: CachedImagesQueryVariables) =>
      (await apollo.query({ query: CachedImagesDocument, variables: { filter, ...paging } })).data!.images;

    const forward: string[] = [];
    for (let after: string | null = null, more = true; more; ) {
      const images = await page({ first: 5, after });
      forward.push(...images.edges.map((edge) => edge.node.id));
      ({ endCursor: after, hasNextPage: more } = images.pageInfo);
    }
    const backward: string[] = [];
    for (let before: string | null = null, more = true; more; ) {
      const images = await page({ last: 5, before });
      backward.unshift(...images.edges.map((edge) => edge.node.id));
      ({ startCursor: before, hasPreviousPage: more } = images.pageInfo);
    }
    expect(forward).toEqual(everyId);
    expect(backward).toEqual(everyId);
  });
});

describe('a mutation with one failing root field', () => {
  it('gives the client the other field\'s committed result beside the error, and caches it', async () => {
    const apollo = apolloAs(server.alice);
    const result = await apollo.mutate({
      mutation: gql`mutation {
        created: createImage(input: { name: "ac-kept" }) { image { id name } }
        failed: deleteImage(input: { id: "00000000-0000-4000-8000-000000000000" }) { id }
      }`,
      errorPolicy: 'all',
    });
    const data = result.data as { created: { image: { id: string; name: string } }; failed: null };
    expect(data.created.image.name).toBe('ac-kept');
    expect(data.failed).toBeNull();
    expect(CombinedGraphQLErrors.is(result.error)).toBe(true);
    expect((result.error as InstanceType<typeof CombinedGraphQLErrors>).errors.map((error) => [error.path, error.extensions?.code])).toEqual([[['failed'], 'NOT_FOUND']]);
    expect(cached(apollo, `Image:${data.created.image.id}`)).toMatchObject({ name: 'ac-kept' });
  });
});

describe('CORS, with the browser\'s rules applied to fetch', () => {
  const query = gql`query Me { viewer { userId } }`;

  it('lets a page from a listed origin query', async () => {
    const { data } = await apolloAs(server.alice, { fetch: browserFetch(APP) }).query({ query });
    expect(data).toEqual({ viewer: { __typename: 'Viewer', userId: 'alice' } });
  });

  it('leaves a page from another origin with a network error', async () => {
    await expect(apolloAs(server.alice, { fetch: browserFetch('http://evil.example.test') }).query({ query })).rejects.toThrow(/CORS preflight was refused/);
  });
});

describe('through a federation gateway', () => {
  let graph: FederatedGraph;
  beforeAll(async () => {
    graph = await startFederatedGraph(server.url);
  });
  afterAll(() => graph?.stop());

  it('caches one image with the fields of both subgraphs', async () => {
    const { id } = await createImage(server.alice, { name: 'ac-federated' });
    graph.ratings.set(id, 5);
    const apollo = apolloAs(server.alice, { url: `${graph.url}/` });
    const { data } = await apollo.query({ query: gql`query ($id: ID!) { image(id: $id) { id name rating } }`, variables: { id } });
    expect(data).toEqual({ image: { __typename: 'Image', id, name: 'ac-federated', rating: 5 } });
    expect(cached(apollo, `Image:${id}`)).toMatchObject({ name: 'ac-federated', rating: 5 });
  });
});
