// Relay's object identification (node, nodes), Federation's entity references (the caller's own permissions
// apply: null where it may not see the object), and connection fields that are computed only when selected.
import { InvalidInputError } from '../../domain/errors.js';
import { Image, ImageMember, Task } from '../../persistence/index.js';
import type { Resolvers } from '../generated/resolvers.js';
import { findImageNode, findNode, findTaskNode } from '../node-lookup.js';

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, context, info) => findNode(id, context, info.schema),
    nodes: (_root, { ids }, context, info) => {
      const { api_limit_max } = context.services.config;
      if (ids.length > api_limit_max) throw new InvalidInputError(`\`ids\` may name at most ${api_limit_max} objects (api_limit_max)`);
      return Promise.all(ids.map((id) => findNode(id, context, info.schema)));
    },
  },
  Node: {
    __resolveType: (node) => (node instanceof Image ? 'Image' : node instanceof Task ? 'Task' : node instanceof ImageMember ? 'ImageMember' : null),
  },
  Image: {
    __resolveReference: (reference, context, info) => findImageNode(reference.id, context, info.schema),
  },
  Task: {
    __resolveReference: (reference, context, info) => findTaskNode(reference.id, context, info.schema),
  },
  ImageConnection: { totalCount: (page) => page.totalCount() },
  TaskConnection: { totalCount: (page) => page.totalCount() },
  PageInfo: {
    hasNextPage: (pageInfo) => pageInfo.hasNextPage(),
    hasPreviousPage: (pageInfo) => pageInfo.hasPreviousPage(),
  },
};
