// The API as an Apollo Federation 2 subgraph: composed with a second subgraph that extends Image with a field of
// its own, and served through a real gateway that forwards the caller's token, so both subgraphs answer one query
// and entity references resolve with the caller's permissions.
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const test = useTestServer();

/** The second subgraph: a rating per image id, and a list of the best rated images (references only). */
const RATINGS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Image @key(fields: "id") {
    id: ID!
    rating: Int
  }
  type Query {
    topRated: [Image]!
  }
`);
const ratings = new Map<string, number>();
const ratingsSchema = buildSubgraphSchema({
  typeDefs: RATINGS_SDL,
  resolvers: {
    Query: { topRated: () => [...ratings.keys()].map((id) => ({ id })) },
    Image: {
      __resolveReference: (reference: { id: string }) => reference,
      rating: (image: { id: string }) => ratings.get(image.id) ?? null,
    },
  },
});

interface Started {
  url: string;
  stop(): Promise<void>;
}

async function serve(server: ApolloServer<{ authorization?: string }>): Promise<Started> {
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, stop: () => server.stop() };
}

let ratingsSubgraph: Started;
let gateway: Started;
beforeAll(async () => {
  ratingsSubgraph = await serve(new ApolloServer({ schema: ratingsSchema }));
  // The subgraph's own SDL, read as a gateway's tooling reads it: without a token.
  const { data } = (await new GraphQLClient(test.url, null).raw('{ _service { sdl } }')) as { data: { _service: { sdl: string } } };
  const composed = composeServices([
    { name: 'images', typeDefs: parse(data._service.sdl), url: `${test.url}/graphql` },
    { name: 'ratings', typeDefs: RATINGS_SDL, url: ratingsSubgraph.url },
  ]);
  expect(composed.errors).toBeUndefined();
  const apolloGateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl!,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ authorization?: string }>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http!.headers.set('authorization', context.authorization);
        },
      }),
  });
  gateway = await serve(new ApolloServer({ gateway: apolloGateway }));
});
afterAll(async () => {
  await gateway?.stop();
  await ratingsSubgraph?.stop();
});

const throughGateway = (client: GraphQLClient) => new GraphQLClient(gateway.url.replace(/\/$/, ''), client.token);

describe('through a federation gateway', () => {
  it('answers one query with fields of both subgraphs, as the caller', async () => {
    const image = await createImage(test.alice, { name: 'federated' });
    ratings.set(image.id, 5);
    const response = await throughGateway(test.alice).raw(
      'query ($id: ID!) { image(id: $id) { id name owner rating } images(first: 5) { nodes { id rating } } viewer { userId } }',
      { id: image.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      image: { id: image.id, name: 'federated', owner: 'project-a', rating: 5 },
      images: { nodes: expect.arrayContaining([{ id: image.id, rating: 5 }]) },
      viewer: { userId: 'alice' },
    });
  });

  it('resolves the other subgraph\'s references with the caller\'s permissions: none of our fields for an image it may not see', async () => {
    const visible = await createImage(test.bob, { name: 'public', visibility: 'COMMUNITY' });
    const hidden = await createImage(test.bob, { name: 'private', visibility: 'PRIVATE' });
    ratings.clear();
    ratings.set(visible.id, 4);
    ratings.set(hidden.id, 3);
    const query = '{ topRated { id name rating } }';
    const asAlice = await throughGateway(test.alice).raw(query);
    expect(asAlice.errors).toBeUndefined();
    // Our subgraph answers null for the hidden entity, so none of its fields show; the id and rating are the other subgraph's.
    expect(asAlice.data).toEqual({ topRated: [{ id: visible.id, name: 'public', rating: 4 }, { id: hidden.id, name: null, rating: 3 }] });
    const asBob = await throughGateway(test.bob).raw(query);
    expect(asBob.data).toEqual({ topRated: [{ id: visible.id, name: 'public', rating: 4 }, { id: hidden.id, name: 'private', rating: 3 }] });
  });

  it('passes the subgraph\'s refusal of a caller without a token through', async () => {
    const response = await new GraphQLClient(gateway.url.replace(/\/$/, ''), null).raw('{ viewer { userId } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resolves Image and Task references under the rules of image and task', async () => {
    const image = await createImage(test.alice, { name: 'entity', visibility: 'PRIVATE' });
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      __typename ... on Image { id name } ... on Task { id } } }`;
    const representations = [{ __typename: 'Image', id: image.id }, { __typename: 'Task', id: image.id }];
    const asAlice = await test.alice.raw(query, { representations });
    expect(asAlice.data).toEqual({ _entities: [{ __typename: 'Image', id: image.id, name: 'entity' }, null] });
    const asBob = await test.bob.raw(query, { representations });
    expect(asBob.data).toEqual({ _entities: [null, null] });
  });
});
