// Anonymous callers may introspect the schema (so codegen and IDEs work before a token is at hand) and nothing
// else: any other operation without credentials is refused as a whole with UNAUTHENTICATED.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from './context.js';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

export const anonymousIntrospectionOnly: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (contextValue.identity || (operation && isIntrospectionOnly(operation))) return;
        throw new GraphQLError('authentication required: send Authorization: Bearer <token>', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      },
    };
  },
};

function isIntrospectionOnly(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(selection.name.value))
  );
}
