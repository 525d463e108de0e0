// Rows read without hydration still need the values hydration would give them: a JSON column arrives as text on
// SQLite (PostgreSQL parses it itself), so each property with a custom type is converted as the ORM converts it.
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

export function withPropertyValues<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, rows: T[]): T[] {
  const platform = em.getPlatform();
  const converted = em.getMetadata().get<T>(entity.name).props.filter((property) => property.customType);
  for (const row of rows as Record<string, unknown>[]) {
    for (const { name, customType } of converted) {
      if (row[name] !== null && row[name] !== undefined) row[name] = customType!.convertToJSValue(row[name], platform);
    }
  }
  return rows;
}
