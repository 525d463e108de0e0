// Image.viewerCan: for each action, the @policy rules the schema declares on the matching mutation (evaluated as
// the directive would) and the domain's status rules. Reading the rules from the schema keeps the answer in
// step with what the mutation enforces.
import type { GraphQLSchema } from 'graphql';
import { imageActionPreconditions, type ImageAction } from '../../domain/images/image-preconditions.js';
import type { Image } from '../../persistence/index.js';
import type { GraphQLContext } from '../context.js';
import { policyRulesOf, rulesAllow } from '../directives/policy.directive.js';

/** The mutation whose policies guard each action; download is not a GraphQL field, its policy is named directly. */
const ACTION_FIELDS: Record<Exclude<ImageAction, 'download'>, string> = {
  delete: 'deleteImage',
  deactivate: 'deactivateImage',
  reactivate: 'reactivateImage',
  setLocation: 'addImageLocation',
  modify: 'updateImage',
};

export async function viewerCan(image: Image, context: GraphQLContext, schema: GraphQLSchema): Promise<Record<ImageAction, boolean>> {
  const { access, config } = context.services;
  // As the directive does: facts the rules read that the request has not loaded (or reloads after a change).
  await access.prepare([image]);
  const preconditions = imageActionPreconditions(image, { config, identity: access.identity });
  // The mutations answer NOT_FOUND for an image the caller cannot read, whatever their rules say; asked once here.
  const readable = access.canRead(image);
  const mutationAllows = (field: string) => {
    const rules = policyRulesOf(schema, 'Mutation', field);
    return rules !== null && readable && rulesAllow(access, rules, image);
  };
  return {
    delete: preconditions.delete && mutationAllows(ACTION_FIELDS.delete),
    deactivate: preconditions.deactivate && mutationAllows(ACTION_FIELDS.deactivate),
    reactivate: preconditions.reactivate && mutationAllows(ACTION_FIELDS.reactivate),
    setLocation: preconditions.setLocation && mutationAllows(ACTION_FIELDS.setLocation),
    modify: preconditions.modify && mutationAllows(ACTION_FIELDS.modify),
    download: preconditions.download && readable && access.allows('download_image', image),
  };
}
