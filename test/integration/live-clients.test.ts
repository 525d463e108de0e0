// Apollo Client set up as the README shows (a split link: subscriptions over GraphQLWsLink, the rest over HTTP)
// receives live updates unmodified: client.subscribe is what useSubscription runs.
import { describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { UpdateImageDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const { ApolloClient, gql, HttpLink, InMemoryCache, split } = await import('@apollo/client');
const { GraphQLWsLink } = await import('@apollo/client/link/subscriptions');
const { getMainDefinition } = await import('@apollo/client/utilities');

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
