// Assembles the executable schema: the hand-written SDL files, the resolvers, then the directive transformers.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFilesSync } from '@graphql-tools/load-files';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { applyPolicyDirective } from './directives/policy.directive.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../schema');

export function loadTypeDefs() {
  return mergeTypeDefs(loadFilesSync(join(SCHEMA_DIR, '*.graphql')));
}

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers, inheritResolversFromInterfaces: true });
  return applyPolicyDirective(schema);
}
