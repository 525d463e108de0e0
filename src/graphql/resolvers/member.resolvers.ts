// Image sharing: each resolver unpacks its arguments and makes one domain call.
import type { MemberStatus } from '../../domain/members/member-values.js';
import type { Resolvers } from '../generated/resolvers.js';
import { memberNodeId } from '../node-ids.js';

export const memberResolvers: Resolvers = {
  Query: {
    imageMember: (_root, { imageId, memberId }, { services }) => services.members.member(imageId, memberId),
    sharedWithMe: (_root, { status, ...page }, { services }) => services.members.sharedWithMe(status, page),
  },
  Mutation: {
    addImageMember: async (_root, { input }, { services }) => ({ member: await services.members.add(input.imageId, input.memberId) }),
    updateImageMember: async (_root, { input }, { services }) => ({
      member: await services.members.update(input.imageId, input.memberId, input.status),
    }),
    removeImageMember: async (_root, { input }, { services }) => ({
      image: await services.members.remove(input.imageId, input.memberId),
      memberId: input.memberId,
    }),
  },
  Image: {
    members: (image, _args, { services }) => services.members.membersOf(image),
  },
  ImageMember: {
    id: (member) => memberNodeId(member.image.id, member.memberId),
    imageId: (member) => member.image.id,
    // The database only ever holds values of this union.
    status: (member) => member.status as MemberStatus,
    image: (member, _args, { services }) => services.images.get(member.image.id),
  },
};
