// The @policy directive: every field that carries it asks the policy engine before it resolves.
// Declared in schema/base.graphql; this transformer is its only implementation.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver, isInputObjectType, isNonNullType, isObjectType, isScalarType, type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import type { Access } from '../../domain/image-access.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Image } from '../../persistence/index.js';
import type { PolicyName } from '../../policy/index.js';
import type { GraphQLContext } from '../context.js';

export interface PolicyRule {
  name: PolicyName;
  image?: string;
  whenStatus?: string[];
}

export function applyPolicyDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const rules = rulesOn(schema, fieldConfig);
      if (!rules) return fieldConfig;
      const onImage = typeName === 'Image';
      for (const rule of rules) checkRule(rule, onImage, fieldConfig.args ?? {}, `${typeName}.${fieldName}`);
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      return {
        ...fieldConfig,
        async resolve(source, args, context: GraphQLContext, info) {
          const { access } = context.services;
          for (const rule of rules) {
            const image = onImage ? (source as Image) : rule.image ? await loadImage(context, args, rule.image) : null;
            // Facts the image's row lacks (memberships, properties a rule reads); a no-op once loaded.
            if (image) await access.prepare([image]);
            if (applies(rule, image)) access.require(rule.name, image);
          }
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

// Per schema, the rules found on each `Type.field` asked about: a schema does not change once built, and reading
// the directive's arguments again on every request is wasted work.
const rulesByField = new WeakMap<GraphQLSchema, Map<string, readonly PolicyRule[] | null>>();

/** The @policy rules declared on `typeName.fieldName`, or null when the field has none (or does not exist). */
export function policyRulesOf(schema: GraphQLSchema, typeName: string, fieldName: string): readonly PolicyRule[] | null {
  let known = rulesByField.get(schema);
  if (!known) rulesByField.set(schema, (known = new Map()));
  const key = `${typeName}.${fieldName}`;
  if (!known.has(key)) {
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    known.set(key, field ? rulesOn(schema, field) : null);
  }
  return known.get(key)!;
}

/**
 * Whether every applicable rule allows the caller to act on `image` (null for rules not about an image), without
 * throwing. The caller checks first that the image is readable (`access.canRead`), as `access.require` does.
 */
export function rulesAllow(access: Access, rules: readonly PolicyRule[], image: Image | null): boolean {
  return rules.every((rule) => !applies(rule, image) || access.allows(rule.name, image));
}

function rulesOn(schema: GraphQLSchema, field: Parameters<typeof getDirective>[1] | GraphQLFieldConfig<unknown, unknown>): PolicyRule[] | null {
  const rules = getDirective(schema, field, 'policy') as PolicyRule[] | undefined;
  return rules?.length ? rules : null;
}

/** A rule with `whenStatus` only applies to images in one of those statuses. */
function applies(rule: PolicyRule, image: Image | null): boolean {
  if (!rule.whenStatus) return true;
  return image !== null && rule.whenStatus.some((status) => status.toLowerCase() === image.status);
}

/**
 * Refuses, when the schema is built, a rule that could only fail at request time: an `image` path on an Image field
 * (the parent is the image), a path that does not lead through non-null arguments and input fields to an `ID!`,
 * or `whenStatus` without an image to take the status from.
 */
function checkRule(rule: PolicyRule, onImage: boolean, args: GraphQLFieldConfigArgumentMap, field: string): void {
  const problem = (text: string) => new Error(`@policy(name: "${rule.name}") on ${field}: ${text}`);
  if (rule.image !== undefined && onImage) throw problem('an Image field acts on its parent image; remove `image`');
  if (rule.whenStatus && !onImage && rule.image === undefined) throw problem('`whenStatus` needs an image; add `image`');
  if (rule.image === undefined) return;
  const [argument, ...fields] = rule.image.split('.');
  let type: GraphQLInputType | undefined = args[argument!]?.type;
  for (const key of fields) type = isNonNullType(type) && isInputObjectType(type.ofType) ? type.ofType.getFields()[key]?.type : undefined;
  if (!isNonNullType(type) || !isScalarType(type.ofType) || type.ofType.name !== 'ID') {
    throw problem(`image path "${rule.image}" must name a non-null ID reached through non-null arguments and input fields`);
  }
}

/** The image whose id is at `path` in the arguments (checked by checkRule), through the request's loader. */
async function loadImage(context: GraphQLContext, args: Record<string, unknown>, path: string): Promise<Image> {
  const id = path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], args) as string;
  const image = await context.services.loaders.image.load(id);
  if (!image) throw new NotFoundError(`no image with id ${id}`);
  return image;
}
