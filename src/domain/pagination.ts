// One keyset page of any list: Glance's page-size rules, sort keys ending in the id, cursors checked as input.
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { QBQueryOrderMap } from '@mikro-orm/knex';
import type { Config } from '../config/index.js';
import {
  afterCondition, decodeCursor, encodeCursor, InvalidCursorError, orderByFor, sortColumns, withBigintsAsNumbers, type EntityManager,
  type SortColumn, type SortKey,
} from '../persistence/index.js';
import { InvalidInputError } from './errors.js';

export interface PageRequest<F extends string> {
  sort?: readonly { field: F; direction?: 'asc' | 'desc' | null }[] | null;
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

type Condition = Record<string, unknown>;

/** The rows of `entity` matching every condition, one page after `request.after` in `request.sort` order. */
export async function findPage<T extends object, F extends string>(
  em: EntityManager,
  entity: EntityClass<T>,
  conditions: readonly Condition[],
  request: PageRequest<F>,
  config: Config,
): Promise<Page<T>> {
  const limit = pageSize(request.first, config);
  const keys = sortKeys(request.sort);
  const where = [...conditions];
  if (request.after) {
    const columnOf = sortColumns(em, entity);
    where.push(afterCondition(keys, decodeAfter(keys, request.after, columnOf), (field) => columnOf(field).nullable));
  }
  // Rows are read as plain objects, not managed entities: a page is only read, and hydrating every row into the
  // identity map cost more than the query. The entity's default filters (soft delete, expiry) still apply.
  const query = em
    .createQueryBuilder(entity)
    .select('*')
    .where({ $and: where } as FilterQuery<T>)
    .orderBy(orderByFor(keys) as QBQueryOrderMap<T>[])
    .limit(limit + 1);
  await query.applyFilters();
  const rows = withBigintsAsNumbers(em, entity, await query.execute<T[]>('all'));
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor(keys, node as Record<string, unknown>), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * `first` defaults to limit_param_default and is capped at api_limit_max, as Glance's `limit`. Glance answers
 * limit=0 with an empty list; `first: 0` is refused instead, since an empty page has no cursor to continue from.
 */
function pageSize(first: number | null | undefined, config: Config): number {
  if (first === null || first === undefined) return config.limit_param_default;
  if (!Number.isInteger(first) || first < 1) throw new InvalidInputError('`first` must be a whole number of at least 1');
  return Math.min(first, config.api_limit_max);
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

function decodeAfter(keys: SortKey<string>[], after: string, columnOf: (field: string) => SortColumn): unknown[] {
  try {
    return decodeCursor(keys, after, columnOf);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new InvalidInputError(`after: ${error.message}`);
    throw error;
  }
}
