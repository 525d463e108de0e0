// The object an image rule is checked against, as Glance's ImageTarget presents an image to oslo.policy.
// Glance: glance/api/policy.py ImageTarget; member_id from glance/db/__init__.py ImageRepo._format_image_from_db;
// the create target from glance/api/v2/images.py ImagesController.create.
import type { Target } from './evaluator.js';
import { checksOf, type PolicyRule, type Template } from './parser.js';

/**
 * What the policy engine knows about a stored image, under the image entity's names. Only the first five are
 * required so a test can describe an image briefly; the server passes the whole entity, so rules see every column.
 */
export interface ImageFacts {
  readonly id: string;
  readonly owner: string | null;
  readonly visibility: string;
  readonly status: string;
  readonly protected: boolean;
  readonly name?: string | null;
  readonly osHidden?: boolean;
  readonly diskFormat?: string | null;
  readonly containerFormat?: string | null;
  readonly size?: number | null;
  readonly virtualSize?: number | null;
  readonly minDisk?: number;
  readonly minRam?: number;
  readonly checksum?: string | null;
  readonly osHashAlgo?: string | null;
  readonly osHashValue?: string | null;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
}

/** The name a rule uses (`%(disk_format)s`) for each fact: Glance's API name. */
const TARGET_NAMES: { readonly [K in keyof Required<ImageFacts>]: string } = {
  id: 'id',
  owner: 'owner',
  visibility: 'visibility',
  status: 'status',
  protected: 'protected',
  name: 'name',
  osHidden: 'os_hidden',
  diskFormat: 'disk_format',
  containerFormat: 'container_format',
  size: 'size',
  virtualSize: 'virtual_size',
  minDisk: 'min_disk',
  minRam: 'min_ram',
  checksum: 'checksum',
  osHashAlgo: 'os_hash_algo',
  osHashValue: 'os_hash_value',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/**
 * Every image attribute under its API name, the image's custom properties, and Glance's aliases `image_id`,
 * `project_id` (the owner) and `member_id`/`member` (the caller's project when it is a member of the shared image).
 * As in Glance, an attribute or alias wins over a custom property of the same name. Tags are left out: Glance
 * renders its tag set as one string, which no rule can usefully compare.
 */
export function imageTarget(
  image: ImageFacts,
  callerProjectId: string | null,
  properties: Readonly<Record<string, string>> = {},
): Target {
  const attributes: Record<string, unknown> = {};
  for (const [fact, name] of Object.entries(TARGET_NAMES)) {
    const value = image[fact as keyof ImageFacts];
    // Dates as the API shows them; Glance's str(datetime) has no format a rule could rely on either.
    if (value !== undefined) attributes[name] = value instanceof Date ? value.toISOString() : value;
  }
  const isSharedWithCaller =
    image.visibility === 'shared' && callerProjectId !== null && callerProjectId !== image.owner;
  const memberId = isSharedWithCaller ? callerProjectId : null;
  return {
    ...properties,
    ...attributes,
    image_id: image.id,
    project_id: image.owner,
    member_id: memberId,
    member: memberId,
  };
}

/** The keys imageTarget fills from the image's columns and aliases; any other key a rule reads is a property. */
const BUILT_IN_KEYS: ReadonlySet<string> = new Set([...Object.values(TARGET_NAMES), 'image_id', 'project_id', 'member_id', 'member']);

/** Whether rules reading these target keys need images' custom properties (loading them costs a query). */
export function readsCustomProperties(keys: Iterable<string>): boolean {
  for (const key of keys) if (!BUILT_IN_KEYS.has(key)) return true;
  return false;
}

/** The target keys (`%(key)s`) a rule reads itself; a `rule:NAME` it references is counted with that rule. */
export function targetKeysOf(rule: PolicyRule): string[] {
  const slots = (template: Template) => template.flatMap((part) => ('key' in part ? [part.key] : []));
  return checksOf(rule).flatMap((check) => (check.kind === 'role' ? slots(check.role) : check.kind === 'match' ? slots(check.value) : []));
}

/** An image a create request describes, before it exists. */
export interface NewImageFacts {
  readonly owner: string | null;
  readonly visibility: string;
}

/** Glance checks `add_image` (and `publicize_image`/`communitize_image`) against the image being created. */
export function newImageTarget(image: NewImageFacts): Target {
  return { project_id: image.owner, owner: image.owner, visibility: image.visibility };
}

/** For rules about the caller's own project rather than one image: listing and tasks. */
export function projectTarget(projectId: string | null): Target {
  return { project_id: projectId, owner: projectId };
}
