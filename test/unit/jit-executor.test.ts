// The compiled executor must answer what graphql-js's `execute` answers, failures included: our error formatter reads
// each error's `originalError`, path and locations, and Apollo its `extensions` and the variable's node.
import { buildSchema, execute, getOperationAST, GraphQLError, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { jitGateway } from '../../src/graphql/jit-executor.js';

const schema = buildSchema(`
  type Query {
    plain: String
    throws: String
    refused: String
    nullNonNull: String!
    notAnInt: Int
    holder: Holder
    twice(n: Int!): Int
  }
  type Holder { inner: String! }
`);
const root = {
  plain: 'text',
  throws: () => { throw new Error('boom'); },
  refused: () => { throw new GraphQLError('not allowed', { extensions: { code: 'FORBIDDEN' } }); },
  nullNonNull: () => null,
  notAnInt: () => 'x',
  holder: () => ({ inner: null }),
  twice: ({ n }: { n: number }) => 2 * n,
};
// graphql-js's default resolver calls the root's functions; the compiled queries are given the same resolvers.
for (const [name, field] of Object.entries(schema.getQueryType()!.getFields())) {
  const value = root[name as keyof typeof root];
  field.resolve = typeof value === 'function' ? (_source, args) => (value as (args: unknown) => unknown)(args) : () => value;
}

async function both(query: string, variables?: Record<string, unknown>) {
  const { executor } = await jitGateway(schema).load({ apollo: {} });
  const document = parse(query);
  const request = { document, operation: getOperationAST(document)!, operationName: null, context: {}, request: { variables } };
  const compiled = await executor!(request as unknown as Parameters<NonNullable<typeof executor>>[0]);
  const interpreted = await execute({ schema, document, variableValues: variables });
  return { compiled, interpreted };
}

/**
 * What a client and our formatter see of a result: the data, and each error's fields and the error behind it (not
 * the AST nodes of a field error, which graphql-jit does not keep: only their locations).
 */
function seen(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({
      json: error.toJSON(),
      isGraphQLError: error instanceof GraphQLError,
      cause: error.originalError && { message: error.originalError.message, isGraphQLError: error.originalError instanceof GraphQLError },
    })),
  };
}

describe('the graphql-jit executor', () => {
  it.each([
    ['plain fields', '{ plain }'],
    ['a resolver that throws', '{ plain throws }'],
    ['a resolver that throws a coded GraphQLError', '{ refused }'],
    ['null for a non-null field', '{ plain nullNonNull }'],
    ['null propagated to the parent', '{ holder { inner } }'],
  ])('answers %s as graphql-js does', async (_case, query) => {
    const { compiled, interpreted } = await both(query);
    expect(seen(compiled)).toEqual(seen(interpreted));
  });

  // graphql-js's cause here is a GraphQLError of its own without a cause, which our formatter would take for a request
  // refused as sent; a value our resolvers return that its type refuses is the server's fault, masked and logged.
  it('answers a value its scalar refuses as graphql-js does, the cause a plain error', async () => {
    const { compiled, interpreted } = await both('{ notAnInt }');
    const cause = { message: 'Int cannot represent non-integer value: "x"', isGraphQLError: false };
    expect(seen(compiled)).toEqual({ ...seen(interpreted), errors: seen(interpreted).errors!.map((error) => ({ ...error, cause })) });
  });

  it.each([
    ['a variable of the wrong type', { n: 'x' }],
    ['a missing required variable', {}],
    ['a null required variable', { n: null }],
  ])('refuses %s as graphql-js does, with the variable node', async (_case, variables) => {
    const { compiled, interpreted } = await both('query ($n: Int!) { twice(n: $n) }', variables);
    expect(seen(compiled)).toEqual(seen(interpreted));
    expect(compiled.errors?.map((error) => error.nodes?.map((node) => node.kind))).toEqual([['VariableDefinition']]);
  });

  it('runs variables it accepts', async () => {
    const { compiled } = await both('query ($n: Int!) { twice(n: $n) }', { n: 4 });
    expect(compiled).toEqual({ data: { twice: 8 } });
  });
});
