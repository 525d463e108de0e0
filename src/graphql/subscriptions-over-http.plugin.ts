// A subscription sent as a plain HTTP request has no channel to send its events on: it is refused as a request
// the server cannot run as sent (Apollo's BAD_REQUEST, HTTP 400), naming the two transports that carry them,
// instead of being executed like a query (whose subscription fields have no event to resolve and failed as a
// server error).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const subscriptionsOverHttpRefused: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'subscriptions are served over WebSocket at /graphql (the graphql-transport-ws protocol) and over Server-Sent Events at /graphql/stream, not as a plain HTTP request',
          { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
        );
      },
    };
  },
};
