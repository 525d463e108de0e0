// What a client gets for requests that cannot run: stable codes, HTTP 4xx, and never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListImagesDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let test: TestServer;
let alice: GraphQLClient;
beforeAll(async () => {
  test = await startTestServer();
  alice = await test.as('alice', 'project-a', ['member']);
});
afterAll(() => test.close());

describe('malformed requests are BAD_USER_INPUT with HTTP 400', () => {
  it.each([
    ['a syntax error', '{ images { edges { cursor } '],
    ['an unknown field', '{ images { nope } }'],
    ['a wrong argument type', '{ images(first: "ten") { edges { cursor } } }'],
    ['a missing required argument', '{ image { id } }'],
    ['too many aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { userId }`).join(' ')} }`],
  ])('%s', async (_label, query) => {
    const response = await alice.raw(query);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a variable of the wrong type', async () => {
    const response = await alice.raw('query ($first: Int) { images(first: $first) { edges { cursor } } }', { first: 'ten' });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('limits', () => {
  it('let the largest page (api_limit_max) be asked for with every image field', async () => {
    const response = await alice.request(ListImagesDocument, { first: 1000 });
    expect(response.errors).toBeUndefined();
  });

  it('a body over 1 MiB is PAYLOAD_TOO_LARGE with HTTP 413', async () => {
    const response = await alice.raw(`{ viewer { userId } } # ${'x'.repeat(1024 * 1024)}`);
    expect(response.status).toBe(413);
    expect(response.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('error bodies', () => {
  it('carry a message and a code only: no stack trace, no internals', async () => {
    for (const query of ['{ images { nope } }', '{ image(id: "00000000-0000-0000-0000-000000000000") { id } }', 'mutation { deleteImage(input: { id: "nope" }) { id } }']) {
      const response = await alice.raw(query);
      for (const error of response.errors ?? []) {
        expect(Object.keys(error.extensions ?? {})).toEqual(['code']);
        expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+|stacktrace/);
      }
    }
  });
});
