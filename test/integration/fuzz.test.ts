// A seeded fuzz probe: for every root field of the schema (read by introspection, so new fields are fuzzed without
// a change here) and the byte routes, requests with arguments generated from their types, sent as each persona.
// Whatever comes in, the server answers below 500, never INTERNAL_SERVER_ERROR, and is still alive afterwards.
// FUZZ_RUNS sets the number of cases (default 2000), FUZZ_SEED replays a failure (fast-check prints the seed).
import fc from 'fast-check';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType,
  isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { introspectedSchema } from '../helpers/introspection.js';
import { useTestServer } from '../helpers/server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

// Outbound URLs can only reach a closed loopback port: imports and locations fail at once, and nothing leaves the host.
const server = useTestServer({ show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [9] });

let schema: GraphQLSchema;
const imageIds: string[] = [];

beforeAll(async () => {
  schema = await introspectedSchema(server.url);
  for (const client of [server.alice, server.bob, server.admin]) {
    for (const visibility of ['SHARED', 'PUBLIC', 'PRIVATE'] as const) {
      const image = await createImage(client, { visibility: client === server.admin ? visibility : visibility === 'PUBLIC' ? 'SHARED' : visibility });
      imageIds.push(image.id);
    }
  }
});

/** Text that tends to break things: empty, long, quotes and SQL, unicode, NUL and lone surrogates, numbers as text. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', "'", '"; drop table images; --', '\u0000', '\uD800', '%(owner)s', 'x'.repeat(300), '1e309', '-0', 'null', '../../etc/passwd', 'file:///etc/passwd', 'http://127.0.0.1:9/x'),
);
const anyId = () => fc.oneof(fc.constantFrom(...imageIds), fc.uuid(), nastyString);
const nastyInt = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31)));
const nastyNumber = fc.oneof(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, -1, 2 ** 53, 1e20, 0.5));

function scalarValue(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID': return anyId();
    case 'String': return nastyString;
    case 'Int': return nastyInt;
    case 'Float': return fc.double();
    case 'SafeInt': return nastyNumber;
    case 'Boolean': return fc.boolean();
    case 'DateTime': return fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), nastyString);
    case 'JSON': return fc.jsonValue({ maxDepth: 3 });
    default: return fc.oneof(nastyString, nastyInt);
  }
}

/** A value of `type`, sometimes of the wrong type, so that validation is fuzzed too. */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, depth);
  const wellTyped = ((): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(valueOf(type.ofType, depth + 1), { maxLength: depth > 2 ? 0 : 3 });
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
    if (isScalarType(type)) return scalarValue(type.name);
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      const shape = Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, depth + 1)]));
      const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
      return fc.record(shape, { requiredKeys: required });
    }
    return fc.constant(null);
  })();
  return fc.oneof({ weight: 9, arbitrary: wellTyped }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), nastyString, nastyInt) });
}

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** One root field called with generated arguments, selecting `__typename` (or nothing, for a scalar result). */
function operationOn(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): fc.Arbitrary<Operation> {
  const args = field.args;
  const variables = fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueOf(arg.type)])), {
    requiredKeys: args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
  });
  const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  return variables.map((values) => ({ query, variables: values }));
}

function rootOperations(): fc.Arbitrary<Operation> {
  // Subscriptions too: sent over HTTP they must be refused as the client's mistake, never fail as the server's.
  const roots = [['query', schema.getQueryType()], ['mutation', schema.getMutationType()], ['subscription', schema.getSubscriptionType()]] as const;
  const operations = roots.flatMap(([kind, type]) => Object.values(type?.getFields() ?? {})
    .filter((field) => !field.name.startsWith('_')) // federation's _service and _entities
    .map((field) => operationOn(kind, field)));
  return fc.oneof(...operations);
}

/** A request to a byte route: upload or download, with generated headers and body. */
interface ByteRequest {
  method: 'GET' | 'PUT';
  id: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

const byteRequests: () => fc.Arbitrary<ByteRequest> = () => fc.record({
  method: fc.constantFrom('GET' as const, 'PUT' as const),
  id: anyId().map((id) => encodeURIComponent(String(id).replace(/\p{Cs}/gu, '\uFFFD'))),
  headers: fc.record({
    'content-type': fc.constantFrom('application/octet-stream', 'text/plain', 'application/octet-stream; charset=x'),
    range: fc.oneof(fc.constant('bytes=0-1'), fc.constant('bytes=5-'), fc.constant('bytes=-0'), fc.constant('bytes=99999999999999999999-1'), fc.string({ maxLength: 20 }).filter((text) => /^[\x20-\x7e]*$/.test(text))),
  }, { requiredKeys: ['content-type'] }),
  body: fc.uint8Array({ maxLength: 2048 }),
});

type Persona = 'admin' | 'alice' | 'bob' | 'reader' | 'anonymous';
const personas = fc.constantFrom<Persona>('admin', 'alice', 'bob', 'reader', 'anonymous');
const tokenOf = (persona: Persona) => (persona === 'anonymous' ? null : (server[persona] as GraphQLClient).token);

async function send(persona: Persona, request: Operation | ByteRequest): Promise<{ status: number; codes: string[] }> {
  const token = tokenOf(persona);
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = 'query' in request
    ? await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(request) })
    : await fetch(`${server.url}/v2/images/${request.id}/file`, {
      method: request.method,
      headers: { ...request.headers, ...auth },
      body: request.method === 'PUT' ? new Uint8Array(request.body) : undefined,
    });
  const text = await response.text();
  const body = (() => {
    try {
      return JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    } catch {
      return {};
    }
  })();
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions?.code ?? '(none)') };
}

describe('fuzzing every root field and the byte routes', () => {
  it(`answers ${RUNS} generated requests below 500 and without INTERNAL_SERVER_ERROR, and stays up`, async () => {
    const requests = fc.oneof({ weight: 4, arbitrary: rootOperations() }, { weight: 1, arbitrary: byteRequests() });
    await fc.assert(
      fc.asyncProperty(personas, requests, async (persona, request) => {
        const { status, codes } = await send(persona, request);
        expect(status, JSON.stringify(codes)).toBeLessThan(500);
        expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 240_000);
});
