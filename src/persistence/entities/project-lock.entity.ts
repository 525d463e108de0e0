// One row per project, written by every transaction that checks the project's storage quota before it stores more,
// so that such transactions — in any process on the database — run one after another.
import { defineEntity, p } from '@mikro-orm/core';

export class ProjectLock {
  declare project: string;
  declare lockedAt: Date;
}

export const ProjectLockSchema = defineEntity({
  class: ProjectLock,
  tableName: 'project_locks',
  properties: {
    project: p.string().length(255).primary(),
    lockedAt: p.datetime(),
  },
});
