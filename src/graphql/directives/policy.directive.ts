// The @policy directive: every field that carries it asks the policy engine before it resolves.
// Declared in schema/base.graphql; this transformer is its only implementation.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { NotFoundError } from '../../domain/errors.js';
import type { Image } from '../../persistence/index.js';
import type { PolicyName } from '../../policy/index.js';
import type { GraphQLContext } from '../context.js';

interface PolicyRule {
  name: PolicyName;
  image?: string;
  whenStatus?: string[];
}

export function applyPolicyDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, _fieldName, typeName) => {
      const rules = getDirective(schema, fieldConfig, 'policy') as PolicyRule[] | undefined;
      if (!rules?.length) return fieldConfig;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const onImage = typeName === 'Image';
      return {
        ...fieldConfig,
        async resolve(source, args, context: GraphQLContext, info) {
          for (const rule of rules) {
            const image = onImage ? (source as Image) : rule.image ? await loadImage(context, args, rule.image) : null;
            const applies = !rule.whenStatus || (image !== null && rule.whenStatus.map((s) => s.toLowerCase()).includes(image.status));
            if (applies) context.services.access.require(rule.name, image);
          }
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

/** The image named at `path` in the arguments, through the request's loader (one load per id per request). */
async function loadImage(context: GraphQLContext, args: Record<string, unknown>, path: string): Promise<Image> {
  const id = path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], args);
  if (typeof id !== 'string') throw new Error(`@policy: argument path "${path}" does not name an image id`);
  const image = await context.services.loaders.image.load(id);
  if (!image) throw new NotFoundError(`no image with id ${id}`);
  return image;
}
