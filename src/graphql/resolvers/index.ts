import { mergeResolvers } from '@graphql-tools/merge';
import type { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver, SafeIntResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers.js';
import { enumResolvers } from './enums.js';
import { imageResolvers } from './image.resolvers.js';
import { liveResolvers } from './live.resolvers.js';
import { locationResolvers } from './location.resolvers.js';
import { memberResolvers } from './member.resolvers.js';
import { nodeResolvers } from './node.resolvers.js';
import { taskResolvers } from './task.resolvers.js';
import { viewerResolvers } from './viewer.resolvers.js';

export const resolvers = mergeResolvers([
  { DateTime: behaviourOf(DateTimeResolver), SafeInt: behaviourOf(SafeIntResolver), JSON: behaviourOf(JSONResolver) },
  enumResolvers,
  viewerResolvers,
  imageResolvers,
  locationResolvers,
  memberResolvers,
  nodeResolvers,
  taskResolvers,
  liveResolvers,
]) as Resolvers;

/**
 * What graphql-scalars' scalar does, without its name and description: given the whole scalar, the schema would
 * show graphql-scalars' description instead of the one schema/base.graphql writes.
 */
function behaviourOf(scalar: GraphQLScalarType) {
  const { serialize, parseValue, parseLiteral, specifiedByURL } = scalar.toConfig();
  return { serialize, parseValue, parseLiteral, specifiedByURL };
}
