import { UnauthenticatedError } from '../../domain/errors.js';
import type { Resolvers } from '../generated/resolvers.js';

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_root, _args, { identity }) => {
      if (!identity) throw new UnauthenticatedError('authentication required');
      return identity;
    },
  },
};
