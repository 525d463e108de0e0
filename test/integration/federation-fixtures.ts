// A federated graph around the test server: a second subgraph (ratings) that extends Image with a field of its own,
// composed with ours by @apollo/composition and served through a real @apollo/gateway that forwards the caller's
// Authorization header to each subgraph.
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { expect } from 'vitest';
import { GraphQLClient } from '../helpers/client.js';

/** The second subgraph: a rating per image id, and the rated images as references only. */
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

interface CallerContext {
  authorization?: string;
}

export interface FederatedGraph {
  /** The gateway's base URL (its GraphQL endpoint is `${url}/`). */
  url: string;
  /** What the ratings subgraph answers, by image id. */
  ratings: Map<string, number>;
  stop(): Promise<void>;
}

async function serve(server: ApolloServer<CallerContext>): Promise<string> {
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return url.replace(/\/$/, '');
}

export async function startFederatedGraph(subgraphUrl: string): Promise<FederatedGraph> {
  const ratings = new Map<string, number>();
  const ratingsServer = new ApolloServer<CallerContext>({
    schema: buildSubgraphSchema({
      typeDefs: RATINGS_SDL,
      resolvers: {
        Query: { topRated: () => [...ratings.keys()].map((id) => ({ id })) },
        Image: {
          __resolveReference: (reference: { id: string }) => reference,
          rating: (image: { id: string }) => ratings.get(image.id) ?? null,
        },
      },
    }),
  });
  const ratingsUrl = await serve(ratingsServer);
  // Our subgraph's SDL, read as a gateway's tooling reads it: without a token.
  const { data } = (await new GraphQLClient(subgraphUrl, null).raw('{ _service { sdl } }')) as { data: { _service: { sdl: string } } };
  const composed = composeServices([
    { name: 'images', typeDefs: parse(data._service.sdl), url: `${subgraphUrl}/graphql` },
    { name: 'ratings', typeDefs: RATINGS_SDL, url: ratingsUrl },
  ]);
  expect(composed.errors).toBeUndefined();
  const gateway = new ApolloServer<CallerContext>({
    gateway: new ApolloGateway({
      supergraphSdl: composed.supergraphSdl!,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<CallerContext>({
          url,
          willSendRequest({ request, context }) {
            if (context.authorization) request.http!.headers.set('authorization', context.authorization);
          },
        }),
    }),
  });
  const url = await serve(gateway);
  return {
    url,
    ratings,
    async stop() {
      await gateway.stop();
      await ratingsServer.stop();
    },
  };
}
