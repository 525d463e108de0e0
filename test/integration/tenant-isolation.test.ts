// Tenant isolation, generated from the schema: every root field that names an image (read by introspection, so a
// new one is covered without a change here) is called by three identities of other projects on a PRIVATE, a
// SHARED (with the first identity's project), a PUBLIC and a COMMUNITY image of project A. An image the caller
// cannot see answers NOT_FOUND (or null) and never FORBIDDEN, nothing of it comes back, and no list shows it.
import {
  getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType,
  isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { AddImageMemberDocument, UpdateImageDocument, UpdateImageMemberDocument } from '../generated/operations.js';
import type { GraphQLClient } from '../helpers/client.js';
import { createImage } from '../helpers/images.js';
import { introspectedSchema } from '../helpers/introspection.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer({ show_multiple_locations: true, allowed_hosts: ['127.0.0.1'], allowed_ports: [9] });

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await introspectedSchema(server.url);
});

type Visibility = 'PRIVATE' | 'SHARED' | 'PUBLIC' | 'COMMUNITY';
const VISIBILITIES: Visibility[] = ['PRIVATE', 'SHARED', 'PUBLIC', 'COMMUNITY'];

/** Who the callers are, and which of project A's images each may see (Glance: members see shared images by id). */
const CALLERS = [
  { name: 'a member of the project the SHARED image is shared with', user: 'bob', project: 'project-b', roles: ['member'], sees: ['SHARED', 'PUBLIC', 'COMMUNITY'] },
  { name: 'a member of an unrelated project', user: 'carol', project: 'project-c', roles: ['member'], sees: ['PUBLIC', 'COMMUNITY'] },
  { name: 'a reader of an unrelated project', user: 'dora', project: 'project-d', roles: ['reader'], sees: ['PUBLIC', 'COMMUNITY'] },
] as const;

/** Project A's four images, the SHARED one shared with project B (accepted). */
async function imagesOfProjectA(): Promise<Record<Visibility, string>> {
  const ids = {} as Record<Visibility, string>;
  for (const visibility of VISIBILITIES) {
    const { id } = await createImage(server.alice, { visibility: visibility === 'PUBLIC' ? 'SHARED' : visibility, name: `a-${visibility}` });
    if (visibility === 'PUBLIC') await server.admin.data(UpdateImageDocument, { input: { id, visibility: 'PUBLIC' } });
    ids[visibility] = id;
  }
  await server.alice.data(AddImageMemberDocument, { input: { imageId: ids.SHARED, memberId: 'project-b' } });
  const bob = await server.as('bob', 'project-b', ['member']);
  await bob.data(UpdateImageMemberDocument, { input: { imageId: ids.SHARED, memberId: 'project-b', status: 'ACCEPTED' } });
  return ids;
}

const IMAGE_ARGUMENTS = new Set(['id', 'ids', 'imageId']);

/** Whether a root field names an image: an `id`/`imageId` argument or input field. Tasks name tasks; creates name new ids. */
function namesAnImage(field: GraphQLField<unknown, unknown>): boolean {
  if (/task/i.test(field.name) || field.name.startsWith('create')) return false;
  return field.args.some((arg) => IMAGE_ARGUMENTS.has(arg.name)
    || (isInputObjectType(getNamedType(arg.type)) && Object.keys((getNamedType(arg.type) as { getFields(): object }).getFields()).some((name) => IMAGE_ARGUMENTS.has(name))));
}

/** A value for a required argument: the image where one is named, plausible values elsewhere. */
function valueFor(name: string, type: GraphQLInputType, imageId: string): unknown {
  if (isNonNullType(type)) return valueFor(name, type.ofType, imageId);
  if (isListType(type)) return [valueFor(name, type.ofType, imageId)];
  if (IMAGE_ARGUMENTS.has(name)) return imageId;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || IMAGE_ARGUMENTS.has(field.name));
    return Object.fromEntries(fields.map((field) => [field.name, valueFor(field.name, field.type, imageId)]));
  }
  if (isScalarType(type)) {
    if (name === 'memberId') return 'project-b';
    if (name === 'url') return 'http://127.0.0.1:9/data';
    if (type.name === 'Boolean') return false;
    if (type.name === 'Int' || type.name === 'SafeInt') return 1;
    if (type.name === 'JSON') return {};
    return 'x';
  }
  return null;
}

/** Every argument-free leaf of the type, and `id` of its object fields, so whatever the field returns is read. */
function selectionOf(type: GraphQLNamedType, depth = 0): string {
  if (isLeafType(type)) return '';
  if (isInterfaceType(type)) return '{ __typename id }';
  if (!isObjectType(type)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth === 0 && (isObjectType(named) || isInterfaceType(named)) && 'id' in named.getFields()) parts.push(`${field.name} { id }`);
  }
  return `{ ${parts.join(' ')} }`;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, imageId: string) {
  const required = field.args.filter((arg) => isNonNullType(arg.type) || IMAGE_ARGUMENTS.has(arg.name));
  const declared = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(getNamedType(field.type))} }`;
  return { query, variables: Object.fromEntries(required.map((arg) => [arg.name, valueFor(arg.name, arg.type, imageId)])) };
}

function imageFields(): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  return [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]].flatMap(([kind, type]) =>
    Object.values((type as ReturnType<GraphQLSchema['getQueryType']>)?.getFields() ?? {}).filter(namesAnImage).map((field) => ({ kind: kind as 'query' | 'mutation', field })));
}

const LISTS = [
  '{ images(first: 1000) { edges { node { id } } } }',
  '{ images(first: 1000, filter: { visibility: SHARED }) { edges { node { id } } } }',
  '{ images(first: 1000, filter: { visibility: PRIVATE }) { edges { node { id } } } }',
  '{ images(first: 1000, filter: { visibility: COMMUNITY }) { edges { node { id } } } }',
  '{ images(first: 1000, filter: { memberStatus: PENDING }) { edges { node { id } } } }',
  '{ sharedWithMe(first: 1000) { edges { node { id } } } }',
];

describe.each(CALLERS)('$name', (caller) => {
  it('gets NOT_FOUND (or null) and nothing of the images it cannot see, from every field naming one and every list', async () => {
    const ids = await imagesOfProjectA();
    const client: GraphQLClient = await server.as(caller.user, caller.project, [...caller.roles]);
    const fields = imageFields();
    expect(fields.map(({ field }) => field.name)).toEqual(expect.arrayContaining(['image', 'node', 'deleteImage', 'addImageMember', 'imageMember']));
    const leaks: string[] = [];
    for (const visibility of VISIBILITIES.filter((candidate) => !(caller.sees as readonly string[]).includes(candidate))) {
      const id = ids[visibility];
      for (const { kind, field } of fields) {
        const { query, variables } = operationFor(kind, field, id);
        const response = await client.raw(query, variables);
        const codes = (response.errors ?? []).map((error) => error.extensions?.code);
        if (codes.some((code) => code !== 'NOT_FOUND')) leaks.push(`${field.name} on the ${visibility} image answered ${codes.join(', ')}`);
        if (JSON.stringify(response.data ?? null).includes(id)) leaks.push(`${field.name} on the ${visibility} image returned it`);
      }
      for (const list of LISTS) {
        if (JSON.stringify((await client.raw(list)).data).includes(id)) leaks.push(`${list} lists the ${visibility} image`);
      }
    }
    expect(leaks).toEqual([]);
    // The images it may see, it sees.
    for (const visibility of caller.sees) {
      const response = await client.raw('query($id: ID!) { image(id: $id) { id } }', { id: ids[visibility] });
      expect(response.data, visibility).toEqual({ image: { id: ids[visibility] } });
    }
  });
});
