// node(id): the object an id names, shown only where its own query would show it. Member ids carry their image
// and project; any other id is an image's or a task's UUID (an image first: images are what most ids name).
import type { GraphQLSchema } from 'graphql';
import type { Image, ImageMember, Task } from '../persistence/index.js';
import type { GraphQLContext } from './context.js';
import { policyRulesOf, rulesAllow } from './directives/policy.directive.js';
import { parseMemberNodeId } from './node-ids.js';

export type NodeObject = Image | Task | ImageMember;

export async function findNode(id: string, context: GraphQLContext, schema: GraphQLSchema): Promise<NodeObject | null> {
  const { services } = context;
  const membership = parseMemberNodeId(id);
  if (membership) {
    const image = await services.images.find(membership.imageId);
    if (!image || !(await queryAllows(context, schema, 'imageMember', image))) return null;
    return services.members.member(membership.imageId, membership.memberId);
  }
  const image = await services.images.find(id);
  if (image) return (await queryAllows(context, schema, 'image', image)) ? image : null;
  return (await queryAllows(context, schema, 'task', null)) ? services.tasks.find(id) : null;
}

/** Whether the @policy rules of `Query.field` let the caller read it, as the directive decides but without throwing. */
async function queryAllows(context: GraphQLContext, schema: GraphQLSchema, field: string, image: Image | null): Promise<boolean> {
  const rules = policyRulesOf(schema, 'Query', field);
  if (!rules) return true;
  if (image) await context.services.access.prepare([image]);
  return rulesAllow(context.services.access, rules, image);
}
