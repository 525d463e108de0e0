// A lease on a named piece of work that at most one process may do at a time (the expired-task sweep).
import { defineEntity, p } from '@mikro-orm/core';

export class NamedLease {
  declare name: string;
  declare owner: string;
  declare expiresAt: Date;
}

export const NamedLeaseSchema = defineEntity({
  class: NamedLease,
  tableName: 'named_leases',
  properties: {
    name: p.string().length(64).primary(),
    owner: p.string().length(36),
    expiresAt: p.datetime(),
  },
});
