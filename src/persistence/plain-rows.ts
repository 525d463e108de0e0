// Rows read as plain objects (not hydrated entities) with the values the entity declares.
import type { EntityClass, EntityProperty } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/**
 * PostgreSQL's driver hands bigint columns back as strings (they may exceed 2^53); hydrated entities convert them
 * to the declared number, plain rows do not. Our bigints (byte sizes) are safe integers.
 */
export function withBigintsAsNumbers<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, rows: T[]): T[] {
  const properties = Object.values(em.getMetadata().get<T>(entity.name).properties) as EntityProperty<T>[];
  const bigints = properties.filter((property) => property.runtimeType === 'number' && property.columnTypes.some((column) => /bigint/i.test(column)));
  if (bigints.length === 0) return rows;
  for (const row of rows as Record<string, unknown>[]) {
    for (const { name } of bigints) if (typeof row[name] === 'string') row[name] = Number(row[name]);
  }
  return rows;
}
