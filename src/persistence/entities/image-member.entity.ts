// A project an image is shared with, and whether that project accepted it. Stored as Glance stores it: one row
// per image and project, soft-deleted on removal and brought back when the project is added again.
import { defineEntity, p, type Opt } from '@mikro-orm/core';
import { Image, ImageSchema } from './image.entity.js';

export class ImageMember {
  declare id: number;
  declare image: Image;
  /** The project the image is shared with (Glance's `member` column). */
  declare memberId: string;
  declare status: Opt<string>;
  declare createdAt: Opt<Date>;
  declare updatedAt: Opt<Date>;
  declare deleted: Opt<boolean>;
  declare deletedAt: Date | null;
}

export const ImageMemberSchema = defineEntity({
  class: ImageMember,
  tableName: 'image_members',
  properties: {
    id: p.integer().primary().autoincrement(),
    image: () => p.manyToOne(ImageSchema).deleteRule('cascade'),
    memberId: p.string().length(255).fieldName('member'),
    status: p.string().length(20).default('pending'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    deleted: p.boolean().default(false),
    deletedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['image', 'memberId'] }],
  // The image list asks "which images is this project a member of, in this status" as a sub-select.
  indexes: [{ properties: ['memberId', 'status', 'deleted', 'image'] }],
});
