import { defineEntity, p } from '@mikro-orm/core';
import { Image, ImageSchema } from './image.entity.js';

/** A custom (non-base) image property: Glance keeps these as string key/value pairs. */
export class ImageProperty {
  declare id: number;
  declare image: Image;
  declare name: string;
  declare value: string;
}

export const ImagePropertySchema = defineEntity({
  class: ImageProperty,
  tableName: 'image_properties',
  properties: {
    id: p.integer().primary().autoincrement(),
    image: () => p.manyToOne(ImageSchema).deleteRule('cascade'),
    name: p.string().length(255),
    value: p.text(),
  },
  uniques: [{ properties: ['image', 'name'] }],
});
