// Glance's secure-RBAC ("new") default rules as data, plus our delete_deactivated_image.
// Glance: glance/policies/{base,image,tasks}.py (25.1.0, enforce_new_defaults=True).

const ADMIN_OR_MEMBER = 'role:admin or (role:member and project_id:%(project_id)s)';
const ADMIN_OR_READER = 'role:admin or (role:reader and project_id:%(project_id)s)';
// A reader of the image's owner project or of a project the image is shared with.
const ADMIN_OR_READER_OF_OWNER_OR_MEMBER = 'role:admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)';
const SEES_IMAGE =
  '(project_id:%(project_id)s or project_id:%(member_id)s or ' +
  "'community':%(visibility)s or 'public':%(visibility)s or 'shared':%(visibility)s)";

const RECORDS = [
  {
    name: 'default',
    check: '',
    description: 'Fallback rule that other rules may reference as rule:default.',
    operations: [],
  },
  {
    name: 'context_is_admin',
    check: 'role:admin',
    description: 'Who counts as an administrator.',
    operations: ['Mutation.purgeExpiredTasks'],
  },
  {
    name: 'add_image',
    check: 'role:admin or (role:member and project_id:%(project_id)s and project_id:%(owner)s)',
    description: 'Create an image record; checked against the image to be created (its owner, also as project_id, and visibility).',
    operations: ['Mutation.createImage', 'Mutation.createTask'],
  },
  {
    name: 'get_image',
    check: `role:admin or (role:reader and ${SEES_IMAGE})`,
    description:
      'Show one image: where it denies, the image counts as not found (Query.image answers null). Also checked ' +
      'first whenever another policy is checked on an image, with the same not-found answer. Lists are scoped ' +
      'by the visibility rules in SQL instead.',
    operations: ['Query.image'],
  },
  {
    name: 'get_images',
    check: ADMIN_OR_READER,
    description: 'List images.',
    operations: ['Query.images', 'Query.sharedWithMe'],
  },
  {
    name: 'modify_image',
    check: ADMIN_OR_MEMBER,
    description: "Change an image's metadata and tags.",
    operations: ['Mutation.updateImage', 'Mutation.addImageTag', 'Mutation.removeImageTag'],
  },
  {
    name: 'delete_image',
    check: ADMIN_OR_MEMBER,
    description: 'Delete an image.',
    operations: ['Mutation.deleteImage'],
  },
  {
    name: 'publicize_image',
    check: 'role:admin',
    description: 'Make an image public (on create or update).',
    operations: ['Mutation.createImage', 'Mutation.updateImage'],
  },
  {
    name: 'communitize_image',
    check: ADMIN_OR_MEMBER,
    description: 'Make an image community-visible (on create or update).',
    operations: ['Mutation.createImage', 'Mutation.updateImage'],
  },
  {
    name: 'deactivate',
    check: ADMIN_OR_MEMBER,
    description: 'Deactivate an active image.',
    operations: ['Mutation.deactivateImage'],
  },
  {
    name: 'reactivate',
    check: ADMIN_OR_MEMBER,
    description: 'Reactivate a deactivated image.',
    operations: ['Mutation.reactivateImage'],
  },
  {
    name: 'download_image',
    check: `role:admin or (role:member and ${SEES_IMAGE})`,
    description: "Download an image's data.",
    operations: ['GET /v2/images/{id}/file'],
  },
  {
    name: 'upload_image',
    check: ADMIN_OR_MEMBER,
    description: "Upload an image's data.",
    operations: ['PUT /v2/images/{id}/file'],
  },
  {
    name: 'get_image_location',
    check: ADMIN_OR_READER,
    description: "Show an image's locations and its direct URL.",
    operations: ['Image.locations', 'Image.directUrl'],
  },
  {
    name: 'set_image_location',
    check: ADMIN_OR_MEMBER,
    description: 'Add a location to an image or replace its locations.',
    operations: ['Mutation.addImageLocation', 'Mutation.replaceImageLocations'],
  },
  {
    name: 'delete_image_location',
    check: 'role:admin',
    description: 'Remove a location from an image.',
    operations: ['Mutation.removeImageLocation'],
  },
  {
    name: 'add_member',
    check: ADMIN_OR_MEMBER,
    description: 'Share an image with another project.',
    operations: ['Mutation.addImageMember'],
  },
  {
    name: 'get_member',
    check: ADMIN_OR_READER_OF_OWNER_OR_MEMBER,
    description: 'Show one member of an image.',
    operations: ['Query.imageMember'],
  },
  {
    name: 'get_members',
    check: ADMIN_OR_READER_OF_OWNER_OR_MEMBER,
    description: 'List the members of an image.',
    operations: ['Image.members'],
  },
  {
    name: 'modify_member',
    check: 'role:admin or (role:member and project_id:%(member_id)s)',
    description: 'Accept or reject an image shared with your project.',
    operations: ['Mutation.updateImageMember'],
  },
  {
    name: 'delete_member',
    check: ADMIN_OR_MEMBER,
    description: 'Stop sharing an image with a project.',
    operations: ['Mutation.removeImageMember'],
  },
  {
    // Glance registers the three task rules as rule:default but never enforces them; we do.
    name: 'add_task',
    check: ADMIN_OR_MEMBER,
    description: 'Create a task (checked after tasks_api_access).',
    operations: ['Mutation.createTask'],
  },
  {
    name: 'get_task',
    check: ADMIN_OR_READER,
    description: 'Show one task (checked after tasks_api_access).',
    operations: ['Query.task'],
  },
  {
    name: 'get_tasks',
    check: ADMIN_OR_READER,
    description: 'List tasks (checked after tasks_api_access).',
    operations: ['Query.tasks'],
  },
  {
    name: 'tasks_api_access',
    check: 'role:admin',
    description: 'Use the tasks API at all.',
    operations: ['Mutation.createTask', 'Query.task', 'Query.tasks', 'Mutation.purgeExpiredTasks'],
  },
  {
    // Not in any Glance release: the Newton spec-lite asked that the default keep current behaviour.
    name: 'delete_deactivated_image',
    check: '',
    description:
      'Delete an image whose status is deactivated; checked after delete_image, only for deactivated images. ' +
      'Restrict it to keep suspect images for review.',
    operations: ['Mutation.deleteImage'],
  },
] as const satisfies readonly { name: string; check: string; description: string; operations: readonly string[] }[];

export type PolicyName = (typeof RECORDS)[number]['name'];

export interface PolicyDefault {
  readonly name: PolicyName;
  /** The check string in the oslo.policy rule language. */
  readonly check: string;
  readonly description: string;
  /** The GraphQL fields (Type.field) and HTTP routes the rule guards. */
  readonly operations: readonly string[];
}

export const POLICY_DEFAULTS: readonly PolicyDefault[] = RECORDS;

export const POLICY_NAMES: readonly PolicyName[] = RECORDS.map((record) => record.name);

const NAMES = new Set<string>(POLICY_NAMES);

export function isPolicyName(name: string): name is PolicyName {
  return NAMES.has(name);
}
