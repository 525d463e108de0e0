// Queries and mutations over HTTP run as functions graphql-jit compiles from their documents, not through graphql-js's
// `execute`, which interprets the document anew for every field of every request (issue 14: the CPU a read costs is
// mostly per-field work). Apollo Server 5 takes no executor of its own; it runs a gateway's, after it has parsed,
// validated and resolved the operation and called the plugins as before, and formats the errors it returns as before.
// Subscriptions (live-updates.ts) stay on graphql-js.
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, GraphQLError, printSchema, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Enough for every operation our clients send, with room for ad-hoc ones; the least recently run goes first. */
const MAX_COMPILED = 500;

/** Serves `schema` to Apollo as a gateway whose executor runs compiled operations. */
export function jitGateway(schema: GraphQLSchema): Gateway {
  const executor = jitExecutor(schema);
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      // Apollo reads the schema as soon as `load` returns: it is given now, once (it never changes).
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}

function jitExecutor(schema: GraphQLSchema): Executor {
  // Null for an operation graphql-jit cannot compile: graphql-js runs it.
  const compiled = new Map<OperationDefinitionNode, CompiledQuery | null>();
  const compiledFor = (operation: OperationDefinitionNode, compile: () => CompiledQuery | null) => {
    let query = compiled.get(operation);
    if (query === undefined) {
      query = compile();
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    } else {
      compiled.delete(operation);
    }
    compiled.set(operation, query);
    return query;
  };

  return async ({ document, operation, operationName, context, request }) => {
    const variables = request.variables ?? {};
    // Apollo hands every request of one query text the same parsed document, and so the same operation node.
    const query = compiledFor(operation, () => {
      const result = compileQuery(schema, document, operationName ?? undefined);
      return isCompiledQuery(result) ? result : null;
    });
    const runWithGraphQLJs = async () => execute({ schema, document, operationName, contextValue: context, variableValues: variables });
    if (!query) return runWithGraphQLJs();
    const result = await query.query(undefined, context, variables);
    // No data: the variables were refused before anything ran. graphql-js coerces them again, so a client is told
    // what it always was, with the variable's node that Apollo's BAD_USER_INPUT and HTTP 400 go by.
    if (!('data' in result)) return runWithGraphQLJs();
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
}

/**
 * graphql-jit's errors look like graphql-js's but are not made by its constructor (`extensions` may be missing,
 * which Apollo reads), and one for a value that breaks its field's type (null where not allowed, a value the scalar
 * refuses) comes without the error behind it. Our error formatter takes an error without a cause for a request
 * refused as sent; these are the server's faults, so they are given one, to be logged and masked.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const originalError = error.originalError ?? (error.path ? new Error(error.message) : undefined);
  const converted = new GraphQLError(error.message, { path: error.path, originalError, extensions: error.extensions });
  // graphql-js computes locations from AST nodes, which graphql-jit keeps only as the locations themselves.
  return Object.assign(converted, { locations: error.locations });
}
