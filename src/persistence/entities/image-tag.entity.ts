import { defineEntity, p } from '@mikro-orm/core';
import { Image, ImageSchema } from './image.entity.js';

export class ImageTag {
  declare id: number;
  declare image: Image;
  declare value: string;
}

export const ImageTagSchema = defineEntity({
  class: ImageTag,
  tableName: 'image_tags',
  properties: {
    id: p.integer().primary().autoincrement(),
    image: () => p.manyToOne(ImageSchema).deleteRule('cascade'),
    value: p.string().length(255),
  },
  uniques: [{ properties: ['image', 'value'] }],
  // Tag filters look up images by tag value.
  indexes: [{ properties: ['value', 'image'] }],
});
