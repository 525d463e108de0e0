// The @policy directive: every field that carries it asks the policy engine before it resolves.
// Declared in schema/base.graphql; this transformer is its only implementation.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, isObjectType, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import type { Access } from '../../domain/access.js';
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
    [MapperKind.OBJECT_FIELD]: (fieldConfig, _fieldName, typeName) => {
      const rules = rulesOn(schema, fieldConfig);
      if (!rules) return fieldConfig;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const onImage = typeName === 'Image';
      return {
        ...fieldConfig,
        async resolve(source, args, context: GraphQLContext, info) {
          for (const rule of rules) {
            const image = onImage ? (source as Image) : rule.image ? await loadImage(context, args, rule.image) : null;
            if (applies(rule, image)) context.services.access.require(rule.name, image);
          }
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

/** The @policy rules declared on `typeName.fieldName`, or null when the field has none (or does not exist). */
export function policyRulesOf(schema: GraphQLSchema, typeName: string, fieldName: string): PolicyRule[] | null {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  return field ? rulesOn(schema, field) : null;
}

/** Whether every applicable rule allows the caller to act on `image`, without throwing. */
export function rulesAllow(access: Access, rules: readonly PolicyRule[], image: Image): boolean {
  return access.canRead(image) && rules.every((rule) => !applies(rule, image) || access.allows(rule.name, image));
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

/** The image named at `path` in the arguments, through the request's loader (one load per id per request). */
async function loadImage(context: GraphQLContext, args: Record<string, unknown>, path: string): Promise<Image> {
  const id = path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], args);
  if (typeof id !== 'string') throw new Error(`@policy: argument path "${path}" does not name an image id`);
  const image = await context.services.loaders.image.load(id);
  if (!image) throw new NotFoundError(`no image with id ${id}`);
  return image;
}
