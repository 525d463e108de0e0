// Keyset (cursor) pagination: a page continues strictly after the last row's sort values, so deep pages cost
// what the first page costs and rows inserted meanwhile do not shift the page.
// Nulls sort first in ascending order and last in descending order, on SQLite and PostgreSQL alike.
import { QueryOrder, type QueryOrderKeys } from '@mikro-orm/core';

export interface SortKey<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

export type CursorValue = string | number | boolean | null;
type Condition = Record<string, unknown>;

export class InvalidCursorError extends Error {}

/** MikroORM order-by entries with explicit null placement. */
export function orderByFor<F extends string>(keys: readonly SortKey<F>[]): Record<string, QueryOrderKeys<unknown>>[] {
  return keys.map(({ field, direction }) => ({
    [field]: direction === 'asc' ? QueryOrder.ASC_NULLS_FIRST : QueryOrder.DESC_NULLS_LAST,
  }));
}

/** A cursor names the sort it belongs to, so a cursor from another sort order is refused instead of misread. */
export function encodeCursor<F extends string>(keys: readonly SortKey<F>[], row: Record<F, unknown>): string {
  const values = keys.map(({ field }) => toCursorValue(row[field]));
  return Buffer.from(JSON.stringify([signature(keys), values])).toString('base64url');
}

export function decodeCursor<F extends string>(
  keys: readonly SortKey<F>[],
  cursor: string,
  dateFields: ReadonlySet<string>,
): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this server issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !Array.isArray(parsed[1]) || parsed[1].length !== keys.length) {
    throw new InvalidCursorError('the cursor is not one this server issued');
  }
  if (parsed[0] !== signature(keys)) {
    throw new InvalidCursorError('the cursor belongs to a different sort order; start again without `after`');
  }
  return (parsed[1] as CursorValue[]).map((value, index) => {
    if (value === null || !dateFields.has(keys[index]!.field)) return value;
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new InvalidCursorError('the cursor is not one this server issued');
    return date;
  });
}

/**
 * Rows strictly after `values` in the order `keys`: (k1 after v1) or (k1 = v1 and k2 after v2) or ...
 * `nullable` names the fields that may hold NULL; the others get plain range conditions, which lets the database
 * seek in an index to the cursor instead of scanning every row before it.
 */
export function afterCondition<F extends string>(
  keys: readonly SortKey<F>[],
  values: readonly unknown[],
  nullable: (field: F) => boolean = () => true,
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
