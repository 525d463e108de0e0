// One keyset page of any list, in either direction (Relay's first/after and last/before): Glance's page-size rules,
// sort keys ending in the id, cursors checked as input. Deep pages cost what the first costs, either way.
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { Config } from '../config/index.js';
import {
  afterCondition, decodeCursor, encodeCursor, InvalidCursorError, notAfterCondition, orderByFor, reversed, selectRows, sortColumns,
  withPropertyValues, type EntityManager, type SortColumn, type SortKey,
} from '../persistence/index.js';
import { InvalidInputError } from './errors.js';

export interface PageRequest<F extends string> {
  sort?: readonly { field: F; direction?: 'asc' | 'desc' | null }[] | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * Where the page stands in the list. The side the page was read towards is known from the page's own query; the
 * other side (rows at or before `after`, at or after `before`) costs a query, so it is asked only when called.
 */
export interface PageInfo {
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage(): Promise<boolean>;
  hasPreviousPage(): Promise<boolean>;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** How many rows the list holds in all (the same conditions, no cursors): one COUNT, run only when called. */
  totalCount(): Promise<number>;
}

type Condition = Record<string, unknown>;

/** The rows of `entity` matching every condition, one page between the request's cursors in its sort order. */
export async function findPage<T extends object, F extends string>(
  em: EntityManager,
  entity: EntityClass<T>,
  conditions: readonly Condition[],
  request: PageRequest<F>,
  config: Config,
): Promise<Page<T>> {
  const { size, backward } = pageWindow(request, config);
  const keys = sortKeys(request.sort);
  const columnOf = sortColumns(em, entity);
  const nullable = (field: string) => columnOf(field).nullable;
  const after = request.after ? decodeAt('after', keys, request.after, columnOf) : null;
  const before = request.before ? decodeAt('before', keys, request.before, columnOf) : null;
  const between = [...conditions];
  if (after) between.push(afterCondition(keys, after, nullable));
  if (before) between.push(afterCondition(reversed(keys), before, nullable));

  // A backward page is read from `before` towards the start, then put back in the list's order.
  const rows = await select(em, entity, between, backward ? reversed(keys) : keys, nullable, size + 1);
  const more = rows.length > size;
  const inOrder = backward ? rows.slice(0, size).reverse() : rows.slice(0, size);
  const edges = inOrder.map((node) => new Edge(keys, node));
  const anyRow = (where: Condition) => async () => (await select(em, entity, [...conditions, where], keys, nullable, 1)).length > 0;
  const beforeStart = after ? anyRow(notAfterCondition(keys, after, nullable)) : async () => false;
  const afterEnd = before ? anyRow(notAfterCondition(reversed(keys), before, nullable)) : async () => false;
  return {
    edges,
    nodes: inOrder,
    pageInfo: {
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
      hasNextPage: backward ? once(afterEnd) : async () => more,
      hasPreviousPage: backward ? async () => more : once(beforeStart),
    },
    totalCount: once(() => count(em, entity, conditions)),
  };
}

/** An edge of a page; its cursor is encoded only when a client asks for it (most lists never do). */
class Edge<T> {
  constructor(
    private readonly keys: readonly SortKey<string>[],
    readonly node: T,
  ) {}

  get cursor(): string {
    return encodeCursor(this.keys, this.node as Record<string, unknown>);
  }
}

/**
 * Rows are read as plain objects, not managed entities: a page is only read, and hydrating every row into the
 * identity map cost more than the query. The entity's default filters (soft delete, expiry) still apply.
 */
async function select<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: readonly Condition[],
  keys: readonly SortKey<string>[],
  nullable: (field: string) => boolean,
  limit: number,
): Promise<T[]> {
  return withPropertyValues(em, entity, await selectRows(em, entity, where, orderByFor(keys, nullable), limit));
}

async function count<T extends object>(em: EntityManager, entity: EntityClass<T>, where: readonly Condition[]): Promise<number> {
  const query = em.createQueryBuilder(entity).where({ $and: where } as FilterQuery<T>);
  await query.applyFilters();
  return query.getCount();
}

/**
 * `first` (or `last`, for a page counted back from the end or from `before`) defaults to limit_param_default and is
 * capped at api_limit_max, as Glance's `limit`. Glance answers limit=0 with an empty list; 0 is refused instead,
 * since an empty page has no cursor to continue from.
 */
function pageWindow(request: PageRequest<string>, config: Config): { size: number; backward: boolean } {
  const given = (value: number | null | undefined) => value !== null && value !== undefined;
  if (given(request.first) && given(request.last)) throw new InvalidInputError('give `first` or `last`, not both');
  const backward = given(request.last);
  const size = backward ? request.last : request.first;
  if (!given(size)) return { size: config.limit_param_default, backward };
  if (!Number.isInteger(size) || size! < 1) throw new InvalidInputError(`\`${backward ? 'last' : 'first'}\` must be a whole number of at least 1`);
  return { size: Math.min(size!, config.api_limit_max), backward };
}

/**
 * The given keys (`createdAt` descending when none), then `id` as the tie-breaker in the first key's direction
 * unless `id` is already a key.
 */
function sortKeys<F extends string>(sort: PageRequest<F>['sort']): SortKey<F | 'createdAt' | 'id'>[] {
  const keys: SortKey<F | 'createdAt' | 'id'>[] = [];
  const given: readonly { field: F | 'createdAt'; direction?: 'asc' | 'desc' | null }[] = sort?.length ? sort : [{ field: 'createdAt', direction: 'desc' }];
  for (const { field, direction } of given) {
    if (keys.some((key) => key.field === field)) throw new InvalidInputError(`sort field ${field} is given twice`);
    keys.push({ field, direction: direction ?? 'desc' });
    if (field === 'id') return keys;
  }
  keys.push({ field: 'id', direction: keys[0]!.direction });
  return keys;
}

function decodeAt(argument: 'after' | 'before', keys: SortKey<string>[], cursor: string, columnOf: (field: string) => SortColumn): unknown[] {
  try {
    return decodeCursor(keys, cursor, columnOf);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new InvalidInputError(`${argument}: ${error.message}`);
    throw error;
  }
}

/** Runs `compute` at most once, however often (and however concurrently) the answer is asked for. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => (answer ??= compute());
}
