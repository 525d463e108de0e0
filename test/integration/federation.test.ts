// The API as an Apollo Federation 2 subgraph: composed with a second subgraph that extends Image with a field of
// its own, and served through a real gateway that forwards the caller's token, so both subgraphs answer one query
// and entity references resolve with the caller's permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { startFederatedGraph, type FederatedGraph } from './federation-fixtures.js';

const server = useTestServer();
let graph: FederatedGraph;
beforeAll(async () => {
  graph = await startFederatedGraph(server.url);
});
afterAll(() => graph?.stop());

const throughGateway = (client: GraphQLClient) => new GraphQLClient(graph.url, client.token);

describe('through a federation gateway', () => {
  it('answers one query with fields of both subgraphs, as the caller', async () => {
    const image = await createImage(server.alice, { name: 'federated' });
    graph.ratings.set(image.id, 5);
    const response = await throughGateway(server.alice).raw(
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
    const visible = await createImage(server.bob, { name: 'public', visibility: 'COMMUNITY' });
    const hidden = await createImage(server.bob, { name: 'private', visibility: 'PRIVATE' });
    graph.ratings.clear();
    graph.ratings.set(visible.id, 4);
    graph.ratings.set(hidden.id, 3);
    const query = '{ topRated { id name rating } }';
    const asAlice = await throughGateway(server.alice).raw(query);
    expect(asAlice.errors).toBeUndefined();
    // Our subgraph answers null for the hidden entity, so none of its fields show; the id and rating are the other subgraph's.
    expect(asAlice.data).toEqual({ topRated: [{ id: visible.id, name: 'public', rating: 4 }, { id: hidden.id, name: null, rating: 3 }] });
    const asBob = await throughGateway(server.bob).raw(query);
    expect(asBob.data).toEqual({ topRated: [{ id: visible.id, name: 'public', rating: 4 }, { id: hidden.id, name: 'private', rating: 3 }] });
  });

  it('passes the subgraph\'s refusal of a caller without a token through', async () => {
    const response = await new GraphQLClient(graph.url, null).raw('{ viewer { userId } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resolves Image and Task references under the rules of image and task', async () => {
    const image = await createImage(server.alice, { name: 'entity', visibility: 'PRIVATE' });
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      __typename ... on Image { id name } ... on Task { id } } }`;
    const representations = [{ __typename: 'Image', id: image.id }, { __typename: 'Task', id: image.id }];
    const asAlice = await server.alice.raw(query, { representations });
    expect(asAlice.data).toEqual({ _entities: [{ __typename: 'Image', id: image.id, name: 'entity' }, null] });
    const asBob = await server.bob.raw(query, { representations });
    expect(asBob.data).toEqual({ _entities: [null, null] });
  });
});
