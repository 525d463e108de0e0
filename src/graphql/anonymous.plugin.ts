// Anonymous callers may read the schema, by introspection or as a Federation subgraph's `_service { sdl }` (so
// codegen, IDEs and gateways work before a token is at hand), and nothing else: any other operation without
// credentials is refused as a whole with UNAUTHENTICATED.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from './context.js';

const SCHEMA_FIELDS = new Set(['__schema', '__type', '__typename', '_service']);

export const anonymousIntrospectionOnly: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (contextValue.identity || (operation && readsOnlySchema(operation))) return;
        throw new GraphQLError('authentication required: send Authorization: Bearer <token>', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      },
    };
  },
};

function readsOnlySchema(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && SCHEMA_FIELDS.has(selection.name.value))
  );
}
