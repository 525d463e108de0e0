// Reads of rows by a list of keys, as one statement text whatever the list's length. On PostgreSQL the list is one
// array parameter (`= any(?)`) and the statement is prepared once per connection, so the server does not parse
// it again on every request (PostgreSQL's CPU per list request fell by about a fifth, bench/README.md).
// SQLite runs in our process and parses in microseconds: an IN list there.
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

/** A value sent as one array parameter, never spread into one placeholder per item. */
export class ArrayParameter {
  constructor(readonly values: readonly unknown[]) {}
}

const preparedNames = new Map<string, string>();

/** The name a statement is prepared under on PostgreSQL, if it is one of these reads. */
export function preparedStatementName(sql: string): string | undefined {
  return preparedNames.get(sql);
}

export interface KeyListRead {
  /** The statement up to the key condition, ending in `where` or `and`: `select image_id, value from image_tags where`. */
  head: string;
  /** The column the keys are matched against. */
  column: string;
  keys: readonly unknown[];
  /** Parameters of `head`'s own placeholders, in order. */
  headParameters?: readonly unknown[];
  /** What follows the key condition: `order by value`. */
  tail?: string;
}

/** Rows matching `column` in `keys` on a reader connection; none when there are no keys. */
export function selectByKeys<T>(em: SqlEntityManager, read: KeyListRead): Promise<T[]> {
  return selectByKeysTogether<T>(em, [read], read.tail);
}

/**
 * Several reads by key lists as one statement (one round trip): their selects, which must give the same columns,
 * joined by `union all`, then `tail`. A read without keys is left out; none when no read has any.
 */
export async function selectByKeysTogether<T>(em: SqlEntityManager, reads: readonly Omit<KeyListRead, 'tail'>[], tail = ''): Promise<T[]> {
  const postgresql = em.getPlatform() instanceof PostgreSqlPlatform;
  const parts = reads.filter((read) => read.keys.length > 0).map((read) => keyListSelect(read, postgresql));
  if (parts.length === 0) return [];
  const sql = `${parts.map((part) => part.sql).join(' union all ')} ${tail}`.trimEnd();
  if (postgresql && !preparedNames.has(sql)) preparedNames.set(sql, `glance_read_${preparedNames.size + 1}`);
  return em.getConnection('read').execute<T[]>(sql, parts.flatMap((part) => part.parameters));
}

/** The select of one read, with its key condition as one array parameter on PostgreSQL, an IN list elsewhere. */
function keyListSelect({ head, column, keys, headParameters = [] }: Omit<KeyListRead, 'tail'>, postgresql: boolean) {
  if (postgresql) return { sql: `${head} ${column} = any(?)`, parameters: [...headParameters, new ArrayParameter(keys)] };
  return { sql: `${head} ${column} in (${keys.map(() => '?').join(', ')})`, parameters: [...headParameters, ...keys] };
}

const columnLists = new WeakMap<object, string>();

/**
 * The entity's columns, quoted and comma-separated, for a prepared read in place of `*`: PostgreSQL refuses to run a
 * prepared `select *` once a migration has added a column ("cached plan must not change result type"), which would
 * break a server still running while another one migrates.
 */
export function columnsOf(em: SqlEntityManager, entity: EntityClass<object>): string {
  const meta = em.getMetadata().get(entity.name);
  let columns = columnLists.get(meta);
  if (!columns) {
    const platform = em.getPlatform();
    columns = meta.props.flatMap((property) => property.fieldNames ?? []).map((name) => platform.quoteIdentifier(name)).join(', ');
    columnLists.set(meta, columns);
  }
  return columns;
}
