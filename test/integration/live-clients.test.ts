// Apollo Client and urql, each set up as the README shows, receive live updates unmodified: Apollo through a split
// link (subscriptions over GraphQLWsLink, the rest over HTTP), urql through subscriptionExchange forwarding to a
// graphql-ws client. client.subscribe and client.subscription are what their useSubscription hooks run.
import { describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { UpdateImageDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const { ApolloClient, gql, HttpLink, InMemoryCache, split } = await import('@apollo/client');
const { GraphQLWsLink } = await import('@apollo/client/link/subscriptions');
const { getMainDefinition } = await import('@apollo/client/utilities');
const urql = await import('urql');

const test = useTestServer();

const IMAGE_CHANGED = gql`
  subscription ImageChangedInApollo($id: ID!) {
    imageChanged(id: $id) { kind imageId image { id name } }
  }
`;

describe('Apollo Client subscriptions', () => {
  it('delivers each change through GraphQLWsLink, image resolved for the subscriber', async () => {
    const token = test.alice.token!;
    const image = await createImage(test.alice, { name: 'before' });
    const wsClient = createClient({ url: `${test.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    const ws = new GraphQLWsLink(wsClient);
    const http = new HttpLink({ uri: `${test.url}/graphql`, headers: { authorization: `Bearer ${token}` }, fetch });
    const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    };
    const client = new ApolloClient({ link: split(isSubscription, ws, http), cache: new InMemoryCache() });
    const received: unknown[] = [];
    const connected = new Promise<void>((resolve) => wsClient.on('connected', () => resolve()));
    const subscription = client.subscribe({ query: IMAGE_CHANGED, variables: { id: image.id } }).subscribe({ next: (result) => void received.push(result.data) });
    await connected;
    // The subscription is sent right after the connection is acknowledged: changes are made until one arrives.
    let round = 0;
    await expect
      .poll(async () => (await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: `renamed ${++round}` } }), received.length), { interval: 200 })
      .toBeGreaterThan(0);
    expect(received[0]).toEqual({ imageChanged: { __typename: 'ImageChange', kind: 'UPDATED', imageId: image.id, image: { __typename: 'Image', id: image.id, name: expect.stringMatching(/^renamed \d+$/) } } });
    subscription.unsubscribe();
    await wsClient.dispose();
  });
});

const URQL_IMAGE_CHANGED = urql.gql`
  subscription ImageChangedInUrql($id: ID!) {
    imageChanged(id: $id) { kind imageId image { id name } }
  }
`;
const URQL_RENAME = urql.gql`
  mutation RenameInUrql($input: UpdateImageInput!) {
    updateImage(input: $input) { image { id name } }
  }
`;

describe('urql subscriptions', () => {
  it('delivers each change through subscriptionExchange, and mutations go over HTTP', async () => {
    const token = test.alice.token!;
    const image = await createImage(test.alice, { name: 'before' });
    const ws = createClient({ url: `${test.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    const client = new urql.Client({
      url: `${test.url}/graphql`,
      fetchOptions: { headers: { authorization: `Bearer ${token}` } },
      exchanges: [urql.cacheExchange, urql.fetchExchange, urql.subscriptionExchange({
        forwardSubscription: (request) => ({ subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }) }),
      })],
    });
    const received: unknown[] = [];
    const connected = new Promise<void>((resolve) => ws.on('connected', () => resolve()));
    const subscription = client.subscription(URQL_IMAGE_CHANGED, { id: image.id }).subscribe((result) => {
      if (result.error) throw result.error;
      received.push(result.data);
    });
    await connected;
    let round = 0;
    await expect
      .poll(async () => {
        const renamed = await client.mutation(URQL_RENAME, { input: { id: image.id, name: `renamed ${++round}` } }).toPromise();
        expect(renamed.error).toBeUndefined();
        return received.length;
      }, { interval: 200 })
      .toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ imageChanged: { kind: 'UPDATED', imageId: image.id, image: { id: image.id, name: expect.stringMatching(/^renamed \d+$/) } } });
    subscription.unsubscribe();
    await ws.dispose();
  });
});
