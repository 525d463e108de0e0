import { mergeResolvers } from '@graphql-tools/merge';
import { DateTimeResolver, JSONResolver, SafeIntResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers.js';
import { enumResolvers } from './enums.js';
import { imageResolvers } from './image.resolvers.js';
import { locationResolvers } from './location.resolvers.js';
import { memberResolvers } from './member.resolvers.js';
import { taskResolvers } from './task.resolvers.js';
import { viewerResolvers } from './viewer.resolvers.js';

export const resolvers = mergeResolvers([
  { DateTime: DateTimeResolver, SafeInt: SafeIntResolver, JSON: JSONResolver },
  enumResolvers,
  viewerResolvers,
  imageResolvers,
  locationResolvers,
  memberResolvers,
  taskResolvers,
]) as Resolvers;
