// Every field the schema guards with @policy, under an operator's policy file: a caller the default rules allow is
// refused exactly when the file's rule for that policy refuses them, the refusal changes nothing, and the same
// request without it succeeds. The list comes from the schema, so a newly guarded field fails here until it has a case.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyRulesOf } from '../../src/graphql/directives/policy.directive.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { POLICY_DEFAULTS } from '../../src/policy/index.js';
import {
  AddImageLocationDocument, AddImageMemberDocument, AddImageTagDocument, CreateImageDocument, CreateTaskDocument,
  DeactivateImageDocument, DeleteImageDocument, GetTaskDocument, ImageMemberDocument, ListImagesDocument, ListTasksDocument,
  PurgeExpiredTasksDocument, ReactivateImageDocument, RemoveImageLocationDocument, RemoveImageMemberDocument,
  RemoveImageTagDocument, ReplaceImageLocationsDocument, SharedWithMeDocument, UpdateImageDocument, UpdateImageMemberDocument,
} from '../generated/operations.js';
import type { GraphQLClient, GraphQLResponse } from '../helpers/client.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { finishedTask, importInput, sourceConfig, startImageSource, type ImageSource } from './tasks-fixtures.js';

// The operator's file: each policy keeps its default and is refused to callers holding the role deny_<policy>.
const denyingFile = JSON.stringify(
  Object.fromEntries(POLICY_DEFAULTS.map(({ name, check }) => [name, `not role:deny_${name} and (${check || '@'})`])),
);

const schema = buildSchema();
const guarded = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .flatMap((type) =>
    Object.keys(type.getFields()).flatMap((field) =>
      (policyRulesOf(schema, type.name, field) ?? []).map((rule) => ({ field: `${type.name}.${field}`, policy: rule.name as string })),
    ),
  );
// add_image is checked in the domain, against the image to be created, rather than by the directive.
const checkedInDomain = [
  { field: 'Mutation.createImage', policy: 'add_image' },
  { field: 'Mutation.createTask', policy: 'add_image' },
];
const refusals = [...guarded, ...checkedInDomain.filter((extra) => !guarded.some((rule) => rule.field === extra.field && rule.policy === extra.policy))];

const PERSONAS = {
  admin: ['root', 'admin-project', ['admin']],
  alice: ['alice', 'project-a', ['member']],
  bob: ['bob', 'project-b', ['member']],
} as const;
type Persona = keyof typeof PERSONAS;

interface Case {
  /** Who the default rules let do it (alice owns the images). */
  caller: Persona;
  /** The image or task the request acts on. */
  arrange?: () => Promise<string>;
  run: (client: GraphQLClient, id: string) => Promise<GraphQLResponse<unknown>>;
  /** Waits for what a successful request set going in the background. */
  settle?: (response: GraphQLResponse<unknown>) => Promise<unknown>;
}

const policyDir = mkdtempSync(join(tmpdir(), 'glance-policy-fields-'));
let source: ImageSource;
beforeAll(async () => {
  source = await startImageSource();
});
afterAll(async () => {
  await source.close();
  rmSync(policyDir, { recursive: true, force: true });
});
const server = useTestServer(() => {
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, denyingFile);
  return sourceConfig(source, { policy_file: policyFile, show_multiple_locations: true });
});
const clientOf = (persona: Persona, ...extraRoles: string[]) => {
  const [user, project, roles] = PERSONAS[persona];
  return server.as(user, project, [...roles, ...extraRoles]);
};

const ownImage = async () => (await createImage(server.alice)).id;
const activeImage = async () => {
  const id = await ownImage();
  await setImageRow(server, id, { status: 'active', size: 1 });
  return id;
};
const deactivatedImage = async () => {
  const id = await activeImage();
  await server.alice.mutate(DeactivateImageDocument, { input: { id } });
  return id;
};
const sharedWithBob = async () => {
  const id = await ownImage();
  await server.alice.mutate(AddImageMemberDocument, { input: { imageId: id, memberId: 'project-b' } });
  return id;
};
const withLocations = async () => {
  const id = await ownImage();
  const locations = [{ url: source.url('/image.raw') }, { url: source.url('/image.raw?copy=2') }];
  await server.admin.mutate(ReplaceImageLocationsDocument, { input: { imageId: id, locations } });
  return id;
};
const finishedImport = async () => {
  const { createTask } = await server.admin.mutate(CreateTaskDocument, { input: importInput(source.url('/image.raw')) });
  return (await finishedTask(server.admin, createTask.task.id)).id;
};
const imageField = (field: string) => (client: GraphQLClient, id: string) =>
  client.raw(`query ($id: ID!) { image(id: $id) { id ${field} } }`, { id });

const cases: Record<string, Case> = {
  'Query.images': { caller: 'alice', run: (client) => client.request(ListImagesDocument, {}) },
  'Query.sharedWithMe': { caller: 'bob', arrange: sharedWithBob, run: (client) => client.request(SharedWithMeDocument, {}) },
  'Query.imageMember': {
    caller: 'alice',
    arrange: sharedWithBob,
    run: (client, imageId) => client.request(ImageMemberDocument, { imageId, memberId: 'project-b' }),
  },
  'Query.task': { caller: 'admin', arrange: finishedImport, run: (client, id) => client.request(GetTaskDocument, { id }) },
  'Query.tasks': { caller: 'admin', run: (client) => client.request(ListTasksDocument, { first: 10 }) },
  'Mutation.createImage': { caller: 'alice', run: (client) => client.request(CreateImageDocument, { input: {} }) },
  'Mutation.updateImage': {
    caller: 'alice',
    arrange: ownImage,
    run: (client, id) => client.request(UpdateImageDocument, { input: { id, name: 'changed' } }),
  },
  'Mutation.deleteImage': { caller: 'alice', arrange: deactivatedImage, run: (client, id) => client.request(DeleteImageDocument, { input: { id } }) },
  'Mutation.deactivateImage': { caller: 'alice', arrange: activeImage, run: (client, id) => client.request(DeactivateImageDocument, { input: { id } }) },
  'Mutation.reactivateImage': { caller: 'alice', arrange: deactivatedImage, run: (client, id) => client.request(ReactivateImageDocument, { input: { id } }) },
  'Mutation.addImageTag': {
    caller: 'alice',
    arrange: ownImage,
    run: (client, imageId) => client.request(AddImageTagDocument, { input: { imageId, tag: 'new' } }),
  },
  'Mutation.removeImageTag': {
    caller: 'alice',
    arrange: async () => {
      const imageId = await ownImage();
      await server.alice.mutate(AddImageTagDocument, { input: { imageId, tag: 'old' } });
      return imageId;
    },
    run: (client, imageId) => client.request(RemoveImageTagDocument, { input: { imageId, tag: 'old' } }),
  },
  'Mutation.addImageLocation': {
    caller: 'alice',
    arrange: ownImage,
    run: (client, imageId) => client.request(AddImageLocationDocument, { input: { imageId, url: source.url('/image.raw') } }),
  },
  'Mutation.replaceImageLocations': {
    caller: 'alice',
    arrange: ownImage,
    run: (client, imageId) => client.request(ReplaceImageLocationsDocument, { input: { imageId, locations: [{ url: source.url('/image.raw') }] } }),
  },
  'Mutation.removeImageLocation': {
    caller: 'admin',
    arrange: withLocations,
    run: (client, imageId) => client.request(RemoveImageLocationDocument, { input: { imageId, url: source.url('/image.raw?copy=2') } }),
  },
  'Mutation.addImageMember': {
    caller: 'alice',
    arrange: ownImage,
    run: (client, imageId) => client.request(AddImageMemberDocument, { input: { imageId, memberId: 'project-b' } }),
  },
  'Mutation.updateImageMember': {
    caller: 'bob',
    arrange: sharedWithBob,
    run: (client, imageId) => client.request(UpdateImageMemberDocument, { input: { imageId, memberId: 'project-b', status: 'ACCEPTED' } }),
  },
  'Mutation.removeImageMember': {
    caller: 'alice',
    arrange: sharedWithBob,
    run: (client, imageId) => client.request(RemoveImageMemberDocument, { input: { imageId, memberId: 'project-b' } }),
  },
  'Mutation.createTask': {
    caller: 'admin',
    run: (client) => client.request(CreateTaskDocument, { input: importInput(source.url('/image.raw')) }),
    settle: (response) => finishedTask(server.admin, (response.data as { createTask: { task: { id: string } } }).createTask.task.id),
  },
  'Mutation.purgeExpiredTasks': { caller: 'admin', run: (client) => client.request(PurgeExpiredTasksDocument) },
  'Image.locations': { caller: 'alice', arrange: withLocations, run: imageField('locations { url }') },
  'Image.directUrl': { caller: 'alice', arrange: withLocations, run: imageField('directUrl') },
  'Image.members': { caller: 'alice', arrange: sharedWithBob, run: imageField('members { memberId }') },
};

/** Everything a refused request could have changed, as the admin sees it. */
async function everything() {
  const response = await server.admin.raw(`{
    images(first: 1000) { edges { node { id name status tags locations { url } members { memberId status } } } }
    tasks(first: 1000) { edges { node { id status } } }
  }`);
  expect(response.errors).toBeUndefined();
  return response.data;
}

describe('a guarded field under an operator policy file', () => {
  it('has a case for every field the schema guards', () => {
    expect(guarded.map(({ field }) => field).filter((field) => !cases[field])).toEqual([]);
  });

  it.each(refusals)('$field is refused by $policy, changing nothing, and allowed without it', async ({ field, policy }) => {
    const { caller, arrange, run, settle } = cases[field]!;
    const id = arrange ? await arrange() : '';
    const before = await everything();
    const refused = await run(await clientOf(caller, `deny_${policy}`), id);
    const fieldName = field.split('.')[1]!;
    expect(refused.errors?.map((error) => [error.extensions?.code, error.path?.at(-1), error.message.includes(`"${policy}"`)])).toEqual([
      ['FORBIDDEN', fieldName, true],
    ]);
    // On an object field only that field is refused: the rest of the query answers.
    if (field.startsWith('Image.')) expect(refused.data).toEqual({ image: { id, [fieldName]: null } });
    expect(await everything()).toEqual(before);

    const allowed = await run(await clientOf(caller), id);
    expect(allowed.errors, JSON.stringify(allowed.errors)).toBeUndefined();
    await settle?.(allowed);
  });
});
