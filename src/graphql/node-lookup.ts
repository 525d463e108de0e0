// Finding an object by id alone (Relay's node(id), Federation's entity references), shown only where its own
// query would show it. Member ids carry their image and project; any other id is an image's or a task's UUID.
import type { GraphQLSchema } from 'graphql';
import type { Image, ImageMember, Task } from '../persistence/index.js';
import type { GraphQLContext } from './context.js';
import { policyRulesOf, rulesAllow } from './directives/policy.directive.js';
import { parseMemberNodeId } from './node-ids.js';

export type NodeObject = Image | Task | ImageMember;

/** An image first: images are what most ids name. */
export async function findNode(id: string, context: GraphQLContext, schema: GraphQLSchema): Promise<NodeObject | null> {
  if (parseMemberNodeId(id)) return findMemberNode(id, context, schema);
  return (await findImageNode(id, context, schema)) ?? findTaskNode(id, context, schema);
}

/** The image as `image(id)` shows it. */
export async function findImageNode(id: string, context: GraphQLContext, schema: GraphQLSchema): Promise<Image | null> {
  const image = await context.services.images.find(id);
  return image && (await queryAllows(context, schema, 'image', image)) ? image : null;
}

/** The task as `task(id)` shows it, null instead of FORBIDDEN where its policies deny. */
export async function findTaskNode(id: string, context: GraphQLContext, schema: GraphQLSchema): Promise<Task | null> {
  return (await queryAllows(context, schema, 'task', null)) ? context.services.tasks.find(id) : null;
}

/** The membership as `imageMember(imageId, memberId)` shows it. */
async function findMemberNode(id: string, context: GraphQLContext, schema: GraphQLSchema): Promise<ImageMember | null> {
  const { imageId, memberId } = parseMemberNodeId(id)!;
  const image = await context.services.images.find(imageId);
  if (!image || !(await queryAllows(context, schema, 'imageMember', image))) return null;
  return context.services.members.member(imageId, memberId);
}

/** Whether the @policy rules of `Query.field` let the caller read it, as the directive decides but without throwing. */
async function queryAllows(context: GraphQLContext, schema: GraphQLSchema, field: string, image: Image | null): Promise<boolean> {
  const rules = policyRulesOf(schema, 'Query', field);
  if (!rules) return true;
  if (image) await context.services.access.prepare([image]);
  return rulesAllow(context.services.access, rules, image);
}
