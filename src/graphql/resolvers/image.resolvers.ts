// Image queries and mutations: each resolver unpacks its arguments and makes one domain call.
import type { ContainerFormat, DiskFormat, ImageStatus, ImageVisibility } from '../../domain/images/image-values.js';
import type { Resolvers } from '../generated/resolvers.js';
import { viewerCan } from './viewer-can.js';

export const imageResolvers: Resolvers = {
  Query: {
    image: (_root, { id }, { services }) => services.images.find(id),
    images: (_root, args, { services }) => services.images.list(args),
    imageFormats: (_root, _args, { services }) => services.images.formats(),
  },
  Mutation: {
    createImage: async (_root, { input }, { services }) => ({ image: await services.images.create(input) }),
    updateImage: async (_root, { input }, { services }) => ({ image: await services.images.update(input) }),
    deleteImage: async (_root, { input }, { services }) => {
      await services.images.delete(input.id);
      return { id: input.id };
    },
    addImageTag: async (_root, { input }, { services }) => ({ image: await services.images.addTag(input.imageId, input.tag) }),
    deactivateImage: async (_root, { input }, { services }) => ({ image: await services.images.deactivate(input.id) }),
    reactivateImage: async (_root, { input }, { services }) => ({ image: await services.images.reactivate(input.id) }),
    removeImageTag: async (_root, { input }, { services }) => ({ image: await services.images.removeTag(input.imageId, input.tag) }),
  },
  Image: {
    // The entity stores plain strings; the database only ever holds values of these unions.
    status: (image) => image.status as ImageStatus,
    visibility: (image) => image.visibility as ImageVisibility,
    diskFormat: (image) => image.diskFormat as DiskFormat | null,
    containerFormat: (image) => image.containerFormat as ContainerFormat | null,
    tags: (image, _args, { services }) => services.loaders.tags.load(image.id),
    properties: (image, _args, { services }) => services.loaders.properties.load(image.id),
    viewerCan: (image, _args, context, info) => viewerCan(image, context, info.schema),
  },
  ImageProperty: {
    key: (property) => property.name,
  },
};
