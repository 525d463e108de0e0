// Image locations: the fields on Image and the three location mutations, each one domain call.
import type { Resolvers } from '../generated/resolvers.js';

export const locationResolvers: Resolvers = {
  Mutation: {
    addImageLocation: async (_root, { input: { imageId, ...location } }, { services }) => ({
      image: await services.locations.add(imageId, location),
    }),
    replaceImageLocations: async (_root, { input }, { services }) => ({
      image: await services.locations.replace(input.imageId, input.locations),
    }),
    removeImageLocation: async (_root, { input }, { services }) => ({
      image: await services.locations.remove(input.imageId, input.url),
    }),
  },
  Image: {
    locations: (image, _args, { services }) => services.locations.visible(image),
    directUrl: (image, _args, { services }) => services.locations.directUrl(image),
    file: (image) => `/v2/images/${image.id}/file`,
  },
};
