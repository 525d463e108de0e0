// An image record. Values are stored as Glance stores them (lowercase enums, snake_case columns)
// so operator policy files and SQL written for Glance read the same facts.
import { defineEntity, p, type Opt } from '@mikro-orm/core';

export class Image {
  declare id: string;
  declare name: string | null;
  declare status: Opt<string>;
  declare visibility: Opt<string>;
  declare protected: Opt<boolean>;
  declare osHidden: Opt<boolean>;
  declare owner: string | null;
  declare diskFormat: string | null;
  declare containerFormat: string | null;
  declare size: number | null;
  declare virtualSize: number | null;
  declare minDisk: Opt<number>;
  declare minRam: Opt<number>;
  declare checksum: string | null;
  declare osHashAlgo: string | null;
  declare osHashValue: string | null;
  declare createdAt: Opt<Date>;
  declare updatedAt: Opt<Date>;
  declare deleted: Opt<boolean>;
  declare deletedAt: Date | null;
  /** The process receiving the image's data (while SAVING or IMPORTING), and until when it holds that work. */
  declare leaseOwner: string | null;
  declare leaseExpiresAt: Date | null;
}

export const ImageSchema = defineEntity({
  class: Image,
  tableName: 'images',
  properties: {
    id: p.string().length(36).primary(),
    name: p.string().length(255).nullable(),
    status: p.string().length(30).default('queued'),
    visibility: p.string().length(20).default('shared'),
    protected: p.boolean().default(false),
    osHidden: p.boolean().default(false),
    owner: p.string().length(255).nullable(),
    diskFormat: p.string().length(20).nullable(),
    containerFormat: p.string().length(20).nullable(),
    size: p.bigint('number').nullable(),
    virtualSize: p.bigint('number').nullable(),
    minDisk: p.integer().default(0),
    minRam: p.integer().default(0),
    checksum: p.string().length(32).nullable(),
    osHashAlgo: p.string().length(64).nullable(),
    osHashValue: p.string().length(128).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    deleted: p.boolean().default(false),
    deletedAt: p.datetime().nullable(),
    leaseOwner: p.string().length(36).nullable(),
    leaseExpiresAt: p.datetime().nullable(),
  },
  indexes: [
    // The default listing: newest first with id as tie-breaker, scoped by owner or visibility.
    { properties: ['deleted', 'createdAt', 'id'] },
    { properties: ['owner', 'deleted', 'createdAt'] },
    { properties: ['visibility', 'deleted', 'createdAt'] },
  ],
});
