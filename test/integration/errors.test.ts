// What a client gets for requests that cannot run: stable codes, HTTP 4xx, and never a stack trace.
import { describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer();

interface IntrospectedType {
  kind: string;
  name: string | null;
  ofType: IntrospectedType | null;
}

/**
 * A selection of every field of `typeName` that takes no required argument, and of the fields of the objects it
 * holds, read from introspection so that fields added to the schema later are selected too.
 */
async function everyField(client: GraphQLClient, typeName: string): Promise<string> {
  const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
  const response = await client.raw(`{ __schema { types { name fields { name args { type { kind } } type { ${typeRef} } } } } }`);
  const types = (response.data as { __schema: { types: { name: string; fields: { name: string; args: { type: { kind: string } }[]; type: IntrospectedType }[] | null }[] } }).__schema.types;
  const named = (type: IntrospectedType): IntrospectedType => (type.ofType ? named(type.ofType) : type);
  const select = (name: string, path: readonly string[]): string =>
    types
      .find((type) => type.name === name)!
      .fields!.filter((field) => field.args.every((arg) => arg.type.kind !== 'NON_NULL'))
      .flatMap((field) => {
        const type = named(field.type);
        if (type.kind !== 'OBJECT') return [field.name];
        // An object already on the path (an image's member pointing back at its image) is not expanded again.
        return path.includes(type.name!) ? [] : [`${field.name} { ${select(type.name!, [...path, type.name!])} }`];
      })
      .join(' ');
  return select(typeName, [typeName]);
}

describe('requests Apollo Server cannot run keep its codes, with HTTP 400', () => {
  it.each([
    ['a syntax error', '{ images { edges { cursor } ', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ images { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a wrong argument type', '{ images(first: "ten") { edges { cursor } } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a missing required argument', '{ image { id } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['too many aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { userId }`).join(' ')} }`, 'GRAPHQL_VALIDATION_FAILED'],
    ['two operations and no operationName', 'query A { viewer { userId } } query B { viewer { userId } }', 'OPERATION_RESOLUTION_FAILURE'],
  ])('%s', async (_label, query, code) => {
    const response = await server.alice.raw(query);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('a document nested too deeply to parse, with a message saying so', async () => {
    const response = await server.alice.raw(`{ images(first: ${'['.repeat(2400)}1${']'.repeat(2400)}) { edges { cursor } } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0]?.message).toBe('the document nests too deeply to be read');
  });

  it('a variable of the wrong type is BAD_USER_INPUT, as Apollo Server says', async () => {
    const response = await server.alice.raw('query ($first: Int) { images(first: $first) { edges { cursor } } }', { first: 'ten' });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a body without a query is BAD_REQUEST', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.alice.token}` },
      body: JSON.stringify({ variables: {} }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('a subscription sent over HTTP is BAD_REQUEST, naming the transports that carry subscriptions', async () => {
    const { id } = await createImage(server.alice);
    const response = await server.alice.raw(`subscription { imageChanged(id: "${id}") { kind } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(response.errors?.[0]?.message).toContain('/graphql/stream');
  });

  it('an unknown persisted query hash is PERSISTED_QUERY_NOT_FOUND, which persisted-query links answer with the query', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.alice.token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('suggest the field that was probably meant', async () => {
    const response = await server.alice.raw('{ imagse { edges { cursor } } }');
    expect(response.errors?.[0]?.message).toMatch(/Did you mean "images?"/);
  });
});

describe('text the database cannot store (NUL, a lone surrogate) is BAD_USER_INPUT with HTTP 400, wherever it is', () => {
  it.each<[string, string, Record<string, unknown>?]>([
    ['NUL in a literal argument', '{ images(filter: { name: "a\\u0000b" }) { edges { cursor } } }'],
    ['NUL in a variable inside an input', 'mutation ($input: CreateImageInput!) { createImage(input: $input) { image { id } } }', { input: { name: 'n', tags: ['a\u0000'] } }],
    ['NUL in an id variable', 'query ($id: ID!) { image(id: $id) { id } }', { id: 'a\u0000b' }],
    ['a lone surrogate in a variable', 'mutation ($input: CreateImageInput!) { createImage(input: $input) { image { id } } }', { input: { name: 'x\ud800y' } }],
    [
      'NUL in a key of a JSON value',
      'mutation ($input: AddImageLocationInput!) { addImageLocation(input: $input) { image { id } } }',
      { input: { imageId: '00000000-0000-4000-8000-000000000000', url: 'http://example.com/x', metadata: { 'k\u0000': 'v' } } },
    ],
  ])('%s', async (_label, query, variables) => {
    const response = await server.alice.raw(query, variables);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/NUL character \(U\+0000\) or a lone UTF-16 surrogate/);
  });
});

describe('limits', () => {
  it('let the largest page (api_limit_max) be asked for with every Image field, whether `first` is a literal or a variable', async () => {
    const { id } = await createImage(server.alice, { name: 'every-field', tags: ['t'], properties: [{ key: 'k', value: 'v' }] });
    const selection = await everyField(server.alice, 'Image');
    const page = `edges { node { ${selection} } } pageInfo { hasNextPage }`;
    for (const [query, variables] of [
      [`{ images(first: 1000) { ${page} } }`, undefined],
      [`query ($first: Int) { images(first: $first) { ${page} } }`, { first: 1000 }],
    ] as const) {
      const response = await server.alice.raw(query, variables);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const { images } = response.data as { images: { edges: { node: { id: string; tags: string[] } }[] } };
      expect(images.edges.find((edge) => edge.node.id === id)?.node.tags).toEqual(['t']);
    }
  });

  it('a body over 1 MiB is PAYLOAD_TOO_LARGE with HTTP 413', async () => {
    const response = await server.alice.raw(`{ viewer { userId } } # ${'x'.repeat(1024 * 1024)}`);
    expect(response.status).toBe(413);
    expect(response.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('error bodies', () => {
  it('carry a message, a code and the request id only: no stack trace, no internals', async () => {
    for (const query of ['{ images { nope } }', '{ image(id: "00000000-0000-0000-0000-000000000000") { id } }', 'mutation { deleteImage(input: { id: "nope" }) { id } }']) {
      const response = await server.alice.raw(query);
      for (const error of response.errors ?? []) {
        expect(Object.keys(error.extensions ?? {})).toEqual(['code', 'requestId']);
        expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+|stacktrace/);
      }
    }
  });
});
