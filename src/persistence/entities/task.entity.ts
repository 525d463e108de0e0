// A task record (Glance's `tasks` + `task_info` in one table). Status and type hold Glance's lowercase values.
import { defineEntity, p, raw, type EntityManager, type Opt } from '@mikro-orm/core';

export class Task {
  declare id: string;
  declare type: string;
  declare status: Opt<string>;
  declare input: Record<string, unknown>;
  declare result: Record<string, unknown> | null;
  declare message: Opt<string>;
  declare owner: string;
  declare userId: string | null;
  declare imageId: string | null;
  declare expiresAt: Date | null;
  declare createdAt: Opt<Date>;
  declare updatedAt: Opt<Date>;
  declare deleted: Opt<boolean>;
  declare deletedAt: Date | null;
  /** The process that accepted the task and runs it, and until when it holds that work. */
  declare leaseOwner: string | null;
  declare leaseExpiresAt: Date | null;
}

/**
 * The ORM extension holding the clock the liveTasks filter reads "now" from. ormOptions registers it for every ORM
 * (the system time unless a clock is given, so tests can move time instead of waiting).
 */
export const TASK_CLOCK_EXTENSION = 'glance:task-clock';

/** Stands in for "never expires" when comparing expiry with now: later than any clock the server will read. */
const NEVER = new Date('9999-12-31T23:59:59Z');

/**
 * Rows a task query may return at `now`: not soft-deleted and not expired (even if the sweeper has not run).
 * `coalesce(expires_at, NEVER) > now` rather than `expires_at is null or expires_at > now`: PostgreSQL matched that
 * OR against the (deleted, expires_at) index, misjudged how many rows it keeps (live rows expire late, deleted ones
 * early: the columns correlate) and fetched and sorted every live row for each page, 60 ms on 1,000,000 tasks; the
 * expression leaves it the (deleted, created_at, id) index, read in page order (0.3 ms).
 */
function liveTaskCondition(now: Date): Record<string, unknown> {
  return { deleted: false, [raw((alias) => `coalesce(${alias}.expires_at, ?)`, [NEVER])]: { $gt: now } };
}

function clockOf(em: EntityManager): Date {
  const now = em.config.getExtension<() => Date>(TASK_CLOCK_EXTENSION);
  if (!now) throw new Error(`no ${TASK_CLOCK_EXTENSION} extension: build the ORM from ormOptions`);
  return now();
}

export const TaskSchema = defineEntity({
  class: Task,
  tableName: 'tasks',
  properties: {
    id: p.string().length(36).primary(),
    type: p.string().length(30),
    status: p.string().length(30).default('pending'),
    // `json` as on image locations: kept as written on PostgreSQL too.
    input: p.json<Record<string, unknown>>().columnType('json'),
    result: p.json<Record<string, unknown>>().columnType('json').nullable(),
    message: p.text().default(''),
    owner: p.string().length(255),
    userId: p.string().length(64).nullable(),
    imageId: p.string().length(36).nullable(),
    expiresAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    deleted: p.boolean().default(false),
    deletedAt: p.datetime().nullable(),
    leaseOwner: p.string().length(36).nullable(),
    leaseExpiresAt: p.datetime().nullable(),
  },
  filters: {
    // On by default for every em.find/findOne/count/nativeUpdate/nativeDelete of tasks, so no query can forget it;
    // turning it off takes `filters: false` or `filters: { liveTasks: false }`. Query builders skip it unless they
    // call applyFilters().
    liveTasks: { name: 'liveTasks', default: true, args: false, cond: (_args, _type, em: EntityManager) => liveTaskCondition(clockOf(em)) },
  },
  indexes: [
    // tasks(first: N) for admins and per project: live rows in (createdAt, id) order, however many are deleted.
    { properties: ['deleted', 'createdAt', 'id'] },
    { properties: ['owner', 'deleted', 'createdAt', 'id'] },
    // The sweeper (live rows whose expiresAt passed) and the purge of rows soft-deleted before a cutoff.
    { properties: ['deleted', 'expiresAt'] },
    { properties: ['deleted', 'deletedAt'] },
    // Unfinished tasks whose lease lapsed.
    { properties: ['status'] },
  ],
});
