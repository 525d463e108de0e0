// Keyset (cursor) pagination: a page continues strictly after the last row's sort values, so deep pages cost
// what the first page costs and rows inserted meanwhile do not shift the page.
// Nulls sort first in ascending order and last in descending order, on SQLite and PostgreSQL alike.
import { QueryOrder, type EntityClass, type EntityProperty, type QueryOrderKeys } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

export interface SortKey<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

export type CursorValue = string | number | boolean | null;
type Condition = Record<string, unknown>;

/** What a sort column holds: a cursor value of another type is refused before it reaches SQL. */
export interface SortColumn {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  nullable: boolean;
}

export class InvalidCursorError extends Error {}

const NOT_ISSUED = 'the cursor is not one this server issued';

/**
 * MikroORM order-by entries, with explicit null placement only where a column can hold nulls. A column that cannot
 * is ordered plainly: PostgreSQL reads a btree index backwards only for its own null placement (DESC NULLS FIRST),
 * so `created_at DESC NULLS LAST` sorted the whole visible table for every page instead of walking the index.
 */
export function orderByFor<F extends string>(keys: readonly SortKey<F>[], nullable: (field: F) => boolean): Record<string, QueryOrderKeys<unknown>>[] {
  return keys.map(({ field, direction }) => {
    if (!nullable(field)) return { [field]: direction === 'asc' ? QueryOrder.ASC : QueryOrder.DESC };
    return { [field]: direction === 'asc' ? QueryOrder.ASC_NULLS_FIRST : QueryOrder.DESC_NULLS_LAST };
  });
}

/** A cursor names the sort it belongs to, so a cursor from another sort order is refused instead of misread. */
export function encodeCursor<F extends string>(keys: readonly SortKey<F>[], row: Record<F, unknown>): string {
  const values = keys.map(({ field }) => toCursorValue(row[field]));
  return Buffer.from(JSON.stringify([signature(keys), values])).toString('base64url');
}

export function decodeCursor<F extends string>(
  keys: readonly SortKey<F>[],
  cursor: string,
  columnOf: (field: F) => SortColumn,
): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(NOT_ISSUED);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !Array.isArray(parsed[1]) || parsed[1].length !== keys.length) {
    throw new InvalidCursorError(NOT_ISSUED);
  }
  if (parsed[0] !== signature(keys)) {
    throw new InvalidCursorError('the cursor belongs to a different sort order; start again without a cursor');
  }
  return (parsed[1] as unknown[]).map((value, index) => columnValue(value, columnOf(keys[index]!.field)));
}

/** The type and nullability of each column of `entity`, as the ORM's metadata describes them. */
export function sortColumns<T extends object>(em: SqlEntityManager, entity: EntityClass<T>): (field: string) => SortColumn {
  const properties = em.getMetadata().get<T>(entity.name).properties as Record<string, EntityProperty<T> | undefined>;
  return (field) => {
    const property = properties[field];
    if (!property) throw new Error(`${entity.name} has no column ${field} to sort by`);
    return { type: columnType(property), nullable: property.nullable === true };
  };
}

function columnType(property: EntityProperty): SortColumn['type'] {
  switch (property.runtimeType) {
    case 'Date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'number':
      return property.columnTypes.some((column) => /int/i.test(column)) ? 'integer' : 'number';
    default:
      return 'string';
  }
}

/** The cursor value as the query needs it (a date as a Date), or InvalidCursorError when the column cannot hold it. */
function columnValue(value: unknown, { type, nullable }: SortColumn): unknown {
  if (value === null && nullable) return null;
  switch (type) {
    case 'string':
      // No stored text holds NUL, and SQLite would cut the statement short at one.
      if (typeof value === 'string' && !value.includes('\u0000')) return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'integer':
      if (Number.isSafeInteger(value)) return value;
      break;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      break;
    case 'date': {
      const date = typeof value === 'string' ? new Date(value) : null;
      if (date && !Number.isNaN(date.getTime())) return date;
    }
  }
  throw new InvalidCursorError(NOT_ISSUED);
}

/**
 * Rows strictly after `values` in the order `keys`: (k1 after v1) or (k1 = v1 and k2 after v2) or ...
 * `nullable` names the fields that may hold NULL; the others get plain range conditions, which lets the database
 * seek in an index to the cursor instead of scanning every row before it.
 */
export function afterCondition<F extends string>(
  keys: readonly SortKey<F>[],
  values: readonly unknown[],
  nullable: (field: F) => boolean,
): Condition {
  const branches: Condition[] = [];
  keys.forEach((key, index) => {
    const after = strictlyAfter(key, values[index], nullable(key.field));
    if (after === null) return;
    const equalities = keys.slice(0, index).map((previous, j) => ({ [previous.field]: values[j] ?? null }));
    branches.push({ $and: [...equalities, after] });
  });
  // The last key is unique and never null, so there is always at least one branch.
  return { $or: branches };
}

/** The same keys, each in the other direction: what comes after a row in it comes before the row in `keys`. */
export function reversed<F extends string>(keys: readonly SortKey<F>[]): SortKey<F>[] {
  return keys.map(({ field, direction }) => ({ field, direction: direction === 'asc' ? 'desc' : 'asc' }));
}

/** Rows at or before `values` in the order `keys`: the row with these values itself, or one that comes before it. */
export function notAfterCondition<F extends string>(
  keys: readonly SortKey<F>[],
  values: readonly unknown[],
  nullable: (field: F) => boolean,
): Condition {
  const same = { $and: keys.map(({ field }, index) => ({ [field]: values[index] ?? null })) };
  return { $or: [afterCondition(reversed(keys), values, nullable), same] };
}

function strictlyAfter<F extends string>({ field, direction }: SortKey<F>, value: unknown, nullable: boolean): Condition | null {
  if (direction === 'asc') {
    return value === null || value === undefined ? { [field]: { $ne: null } } : { [field]: { $gt: value } };
  }
  // Descending with nulls last: nothing comes after a null, and nulls come after every value.
  if (value === null || value === undefined) return null;
  return nullable ? { $or: [{ [field]: { $lt: value } }, { [field]: null }] } : { [field]: { $lt: value } };
}

function signature(keys: readonly SortKey<string>[]): string {
  return keys.map(({ field, direction }) => `${field}:${direction}`).join(',');
}

function toCursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as CursorValue;
}
