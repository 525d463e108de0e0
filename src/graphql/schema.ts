// Assembles the executable schema: the hand-written SDL files, the resolvers, then the directive transformers.
// It is built as an Apollo Federation 2 subgraph (`_service`, `_entities`), which serves ordinary clients unchanged.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFilesSync } from '@graphql-tools/load-files';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import { applyPolicyDirective } from './directives/policy.directive.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../schema');

export function loadTypeDefs() {
  return mergeTypeDefs(loadFilesSync(join(SCHEMA_DIR, '*.graphql')));
}

export function buildSchema(): GraphQLSchema {
  const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return applyPolicyDirective(schema);
}
