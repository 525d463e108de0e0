// Introspection shows descriptions to frontend developers: every part of the contract must have one.
import {
  introspectionFromSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, Kind, type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema, loadTypeDefs } from '../../src/graphql/schema.js';

/** What Federation adds to the schema it builds: documented by Federation, not part of our SDL. */
const FEDERATION_FIELDS = new Set(['Query._service', 'Query._entities']);

function undocumented(schema: GraphQLSchema): string[] {
  const written = new Set(loadTypeDefs().definitions.flatMap((definition) => ('name' in definition && definition.name ? [definition.name.value] : [])));
  const missing: string[] = [];
  const need = (description: string | null | undefined, where: string) => {
    if (!description?.trim()) missing.push(where);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!written.has(type.name)) continue;
    need(type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (FEDERATION_FIELDS.has(`${type.name}.${field.name}`)) continue;
        need(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) need(arg.description, `${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) need(field.description, `${type.name}.${field.name}`);
    if (isEnumType(type)) for (const value of type.getValues()) need(value.description, `${type.name}.${value.name}`);
  }
  for (const directive of schema.getDirectives()) {
    if (!written.has(directive.name)) continue;
    need(directive.description, `@${directive.name}`);
    for (const arg of directive.args) need(arg.description, `@${directive.name}(${arg.name})`);
  }
  return missing;
}

describe('schema documentation', () => {
  it('describes every type, field, argument, input field, enum value and directive', () => {
    expect(undocumented(buildSchema())).toEqual([]);
  });

  it('introspects each custom scalar with the description the SDL gives it, not the implementing library\'s', () => {
    const written = loadTypeDefs().definitions.flatMap((definition) =>
      definition.kind === Kind.SCALAR_TYPE_DEFINITION ? [[definition.name.value, definition.description?.value]] : [],
    );
    const introspected = introspectionFromSchema(buildSchema()).__schema.types;
    expect(written.length).toBeGreaterThanOrEqual(3);
    for (const [name, description] of written) {
      expect(introspected.find((type) => type.name === name)?.description, name).toBe(description);
    }
  });
});
