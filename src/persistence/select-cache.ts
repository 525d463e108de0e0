// A select built through MikroORM's query builder costs about a millisecond of CPU before it runs (criteria
// processing, then knex compiling the SQL), on every list request, although a list asks the same few statement
// shapes over and over. Here each shape is built once and kept as SQL text with the place of every value in its
// bindings; later requests of that shape only fill in their values. A statement is kept only when filling in the
// values is shown to give exactly what the builder gives, so a cached statement never differs from a built one.
import type { EntityClass, EntityData, FilterQuery, LoggingOptions } from '@mikro-orm/core';
import type { QBQueryOrderMap, SqlEntityManager } from '@mikro-orm/knex';

type Condition = Record<string, unknown>;

/** One binding of a kept statement: the request's value number `slot`, or a value the filters always bind. */
type Binding = { slot: number } | { constant: unknown };

interface KeptStatement {
  sql: string;
  bindings: Binding[];
}

/** Statement shapes (filter combinations and list lengths) kept, the longest unused dropped first beyond this. */
const MOST_SHAPES = 500;
/**
 * Per database (its driver) and shape, the statement, or null when it cannot be kept (a value is converted on the
 * way, or a filter binds a value of its own).
 */
const keptByDatabase = new WeakMap<object, Map<string, KeptStatement | null>>();

/**
 * The rows of `entity` (its default filters applied, as plain objects with property names) matching every one of
 * `where`, in `orderBy` order, at most `limit` of them.
 */
export async function selectRows<T extends object>(
  em: SqlEntityManager,
  entity: EntityClass<T>,
  where: readonly Condition[],
  orderBy: readonly Record<string, unknown>[],
  limit: number,
): Promise<T[]> {
  const values: unknown[] = [];
  const key = JSON.stringify([entity.name, shapeOf(where, values), orderBy]);
  // The limit is the last value (see template).
  values.push(limit);
  const kept = keptFor(em);
  const statement = kept.get(key);
  if (statement) {
    kept.delete(key);
    kept.set(key, statement);
    return run(em, entity, statement.sql, filled(statement.bindings, values));
  }
  const built = await build(em, entity, where, orderBy, limit);
  if (statement === undefined) keep(kept, key, filtersAreFixed(em, entity) ? await template(em, entity, where, orderBy, values, built) : null);
  return run(em, entity, built.sql, built.bindings);
}

interface BuiltStatement {
  sql: string;
  bindings: unknown[];
}

async function build<T extends object>(
  em: SqlEntityManager,
  entity: EntityClass<T>,
  where: readonly unknown[],
  orderBy: readonly Record<string, unknown>[],
  limit: number,
): Promise<BuiltStatement> {
  const query = em
    .createQueryBuilder(entity)
    .select('*')
    .where({ $and: where } as FilterQuery<T>)
    .orderBy(orderBy as QBQueryOrderMap<T>[])
    .limit(limit);
  await query.applyFilters();
  const { sql, bindings } = query.toQuery()._sql;
  return { sql, bindings: [...bindings] };
}

async function run<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, sql: string, bindings: unknown[]): Promise<T[]> {
  const driver = em.getDriver();
  // Where the query builder would send it: the write connection unless read replicas are preferred.
  const connection = driver.getConnection(em.config.get('preferReadReplicas') ? 'read' : 'write');
  const rows = await connection.execute<Record<string, unknown>[]>(sql, bindings, 'all', em.getTransactionContext(), {
    ...em.getLoggerContext(),
    id: em.id,
  } as LoggingOptions);
  const meta = em.getMetadata().get<T>(entity.name);
  return rows.map((row) => driver.mapResult(row as EntityData<T>, meta) as T);
}

/**
 * The shape of a condition tree, its values replaced by their kinds and pushed onto `values` in order. Two trees of
 * one shape differ only in the values bound: SQL text depends on keys, nesting, nulls and list lengths, all kept.
 */
function shapeOf(node: unknown, values: unknown[]): unknown {
  if (node === null || node === undefined) return null;
  if (Array.isArray(node)) return node.map((item) => shapeOf(item, values));
  if (node instanceof Date) return { value: 'date', at: values.push(node) - 1 };
  if (isCompiledSql(node)) {
    // A sub-select (knex raw or builder): its text is part of the shape, its bindings are values.
    const { sql, bindings } = node.toSQL();
    return { sql, bindings: bindings.map((binding) => shapeOf(binding, values)) };
  }
  if (typeof node === 'object') return Object.entries(node).map(([name, value]) => [name, shapeOf(value, values)]);
  return { value: typeof node, at: values.push(node) - 1 };
}

interface CompiledSql {
  toSQL(): { sql: string; bindings: readonly unknown[] };
}

function isCompiledSql(node: unknown): node is CompiledSql {
  return typeof (node as Partial<CompiledSql> | null)?.toSQL === 'function';
}

/**
 * The statement with its bindings as slots: the same tree built again with every value replaced by a marker, the
 * markers found in the bindings. Kept only if every other binding is a filter's fixed value and the template,
 * filled with this request's values, is exactly the statement built from them (no value was converted on the way).
 */
async function template<T extends object>(
  em: SqlEntityManager,
  entity: EntityClass<T>,
  where: readonly Condition[],
  orderBy: readonly Record<string, unknown>[],
  values: readonly unknown[],
  built: BuiltStatement,
): Promise<KeptStatement | null> {
  const markers: unknown[] = values.map((_value, slot) => (slot === values.length - 1 ? MARKED_LIMIT : `\u0001glance-slot-${slot}\u0001`));
  const marked = await build(em, entity, withMarkers(em, where, markers, { next: 0 }) as Condition[], orderBy, MARKED_LIMIT);
  if (marked.sql !== built.sql || marked.bindings.length !== built.bindings.length) return null;
  const bindings = marked.bindings.map((binding): Binding => {
    const slot = markers.indexOf(binding);
    return slot >= 0 ? { slot } : { constant: binding };
  });
  return filled(bindings, values).every((value, index) => sameValue(value, built.bindings[index])) ? { sql: built.sql, bindings } : null;
}

/** A kept statement's bindings with a request's values in their slots. */
function filled(bindings: readonly Binding[], values: readonly unknown[]): unknown[] {
  return bindings.map((binding) => ('slot' in binding ? values[binding.slot] : binding.constant));
}

/** A limit no page asks for, so that the limit's place among the bindings can be found. */
const MARKED_LIMIT = 987_654_321;

/** The tree with its values (in shapeOf's order) replaced by `markers`; sub-selects rebuilt as raw SQL. */
function withMarkers(em: SqlEntityManager, node: unknown, markers: readonly unknown[], cursor: { next: number }): unknown {
  if (node === null || node === undefined) return node;
  if (Array.isArray(node)) return node.map((item) => withMarkers(em, item, markers, cursor));
  if (node instanceof Date) return markers[cursor.next++];
  if (isCompiledSql(node)) {
    const { sql, bindings } = node.toSQL();
    return em.getKnex().raw(sql, bindings.map((binding) => withMarkers(em, binding, markers, cursor)) as never[]);
  }
  if (typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([name, value]) => [name, withMarkers(em, value, markers, cursor)]));
  return markers[cursor.next++];
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  return left === right;
}

/** Whether every filter applied to `entity` by default is a fixed condition (not one computed per query, as a clock). */
function filtersAreFixed(em: SqlEntityManager, entity: EntityClass<object>): boolean {
  const global = Object.values(em.config.get('filters')).filter((filter) => !filter.entity?.length || filter.entity.includes(entity.name));
  const own = Object.values(em.getMetadata().get(entity.name).filters);
  return [...global, ...own].every((filter) => typeof filter.cond !== 'function');
}

function keptFor(em: SqlEntityManager): Map<string, KeptStatement | null> {
  let kept = keptByDatabase.get(em.getDriver());
  if (!kept) keptByDatabase.set(em.getDriver(), (kept = new Map()));
  return kept;
}

function keep(kept: Map<string, KeptStatement | null>, key: string, statement: KeptStatement | null): void {
  if (kept.size >= MOST_SHAPES) kept.delete(kept.keys().next().value!);
  kept.set(key, statement);
}
