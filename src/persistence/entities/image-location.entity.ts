// Where an image's data lives: one row per location, in the order clients see them. Rows are kept with status
// `deleted` when a location is removed, as Glance keeps them; only `active` rows are locations.
import { defineEntity, p, type Opt } from '@mikro-orm/core';
import { Image, ImageSchema } from './image.entity.js';

export class ImageLocation {
  declare id: number;
  declare image: Image;
  declare url: string;
  declare metadata: Record<string, unknown>;
  /** `active`, or `deleted` once removed (Glance also has `pending_delete` for delayed deletes). */
  declare status: Opt<string>;
  /** The location's place in the image's list (0 first). */
  declare position: number;
  declare createdAt: Opt<Date>;
  declare updatedAt: Opt<Date>;
}

export const ImageLocationSchema = defineEntity({
  class: ImageLocation,
  tableName: 'image_locations',
  properties: {
    id: p.integer().primary().autoincrement(),
    image: () => p.manyToOne(ImageSchema).deleteRule('cascade'),
    url: p.text(),
    // `json`, not PostgreSQL's default `jsonb`, which reorders keys: clients get back the metadata as they sent it.
    metadata: p.json<Record<string, unknown>>().columnType('json'),
    status: p.string().length(30).default('active'),
    position: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  // Reading an image's locations in order, and summing stored bytes per project, both start from the image.
  indexes: [{ properties: ['image', 'status', 'position'] }],
});
