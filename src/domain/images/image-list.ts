// Listing images: Glance's visibility scope and filters expressed in SQL, then one keyset page.
// Glance: glance/db/sqlalchemy/api.py _select_images_query, _make_conditions_from_filters
import type { Config } from '../../config/index.js';
import { Image, ImageTag, type EntityManager } from '../../persistence/index.js';
import type { Access } from '../image-access.js';
import { DEFAULT_LISTED_MEMBER_STATUS, type MemberStatus } from '../members/member-values.js';
import { findPage, type Page } from '../pagination.js';
import type { ImageSortField, ImageStatus, ImageVisibility, SortDirection } from './image-values.js';

export interface TimeRange {
  from?: Date | null;
  to?: Date | null;
}

export interface ImageListFilter {
  name?: string | null;
  status?: readonly ImageStatus[] | null;
  visibility?: ImageVisibility | null;
  owner?: string | null;
  tags?: readonly string[] | null;
  diskFormat?: readonly string[] | null;
  containerFormat?: readonly string[] | null;
  protected?: boolean | null;
  osHidden?: boolean | null;
  sizeMin?: number | null;
  sizeMax?: number | null;
  createdAt?: TimeRange | null;
  updatedAt?: TimeRange | null;
  /** Which images shared with the caller's project count: those whose membership has this status (default accepted). */
  memberStatus?: MemberStatus | null;
  /** Only SHARED images other projects share with the caller's project (the `sharedWithMe` view). */
  sharedWithCaller?: boolean | null;
}

export interface ImageListRequest {
  filter?: ImageListFilter | null;
  sort?: readonly { field: ImageSortField; direction?: SortDirection | null }[] | null;
  first?: number | null;
  after?: string | null;
}

export type ImagePage = Page<Image>;

type Condition = Record<string, unknown>;

/** Which memberships a list counts: those not removed, or those removed with an image (at its deletion time). */
interface MembershipScope {
  deleted: boolean;
  deletedAt?: Date | null;
}

const LIVE_MEMBERSHIPS: MembershipScope = { deleted: false };

export async function listImages(em: EntityManager, access: Access, config: Config, request: ImageListRequest): Promise<ImagePage> {
  const page = await findPage(em, Image, listConditions(em, access, request.filter ?? {}, LIVE_MEMBERSHIPS), request, config);
  await access.prepare(page.edges.map((edge) => edge.node));
  return page;
}

/** Whether the caller's default list (`images` with no filter) holds image `id` now: that list's conditions, for one row. */
export async function isListed(em: EntityManager, access: Access, id: string): Promise<boolean> {
  return (await em.count(Image, { $and: [...listConditions(em, access, {}, LIVE_MEMBERSHIPS), { id }] })) > 0;
}

/**
 * Whether the caller's default list held the deleted image `id` when it was deleted: the same conditions on its row,
 * counting the memberships deleted with it (they carry its deletion time), not those removed before. Its status
 * reads DELETED by now, so a killed image counts as it would not have.
 */
export async function wasListed(em: EntityManager, access: Access, id: string): Promise<boolean> {
  const image = await em.findOne(Image, { id, deleted: true }, { filters: false });
  if (!image) return false;
  const conditions = [...listConditions(em, access, {}, { deleted: true, deletedAt: image.deletedAt }), { id, deleted: true }];
  return (await em.count(Image, { $and: conditions }, { filters: false })) > 0;
}

function listConditions(em: EntityManager, access: Access, filter: ImageListFilter, memberships: MembershipScope): Condition[] {
  return [visibilityScope(em, access, filter, memberships), ...filterConditions(em, filter)];
}

/**
 * Which images the caller's list may hold (Glance's default list): public images, the caller's project's images,
 * SHARED images its project is a member of with the asked-for member status (accepted by default), and, when
 * asked for by visibility, community images. Admins see every project's images (member status does not narrow
 * them), but other projects' community images still only when COMMUNITY is asked for.
 */
function visibilityScope(em: EntityManager, access: Access, filter: ImageListFilter, memberships: MembershipScope): Condition {
  const { isAdmin, projectId } = access.identity;
  const own = { owner: projectId };
  // Built only by the branches that use it: admins' lists and most visibility filters never need the sub-select.
  const sharedWithCaller = () => ({ visibility: 'shared', id: { $in: imagesSharedWith(em, projectId, filter.memberStatus, memberships) } });
  if (filter.sharedWithCaller) return sharedWithCaller();
  const visibility = filter.visibility ?? null;
  switch (visibility) {
    case 'public':
    case 'community':
      return { visibility };
    case 'private':
      return isAdmin ? { visibility } : { visibility, ...own };
    case 'shared':
      return isAdmin ? { visibility } : { $or: [{ visibility, ...own }, sharedWithCaller()] };
    case null:
      if (isAdmin) return { $or: [{ visibility: { $ne: 'community' } }, own] };
      return { $or: [{ visibility: 'public' }, own, sharedWithCaller()] };
  }
}

/**
 * A sub-select of the ids of images the project is a member of, with this member status, among `memberships`.
 * Written as SQL: building this fixed statement through the ORM's query builder cost a quarter of a millisecond
 * on every list request.
 */
function imagesSharedWith(em: EntityManager, projectId: string | null, status: MemberStatus | null | undefined, memberships: MembershipScope) {
  if (projectId === null) return [];
  const { deleted, deletedAt } = memberships;
  const removedAt = deletedAt === undefined ? '' : deletedAt === null ? ' and deleted_at is null' : ' and deleted_at = ?';
  return em.getKnex().raw(`select image_id from image_members where member = ? and status = ? and deleted = ?${removedAt}`, [
    projectId,
    status ?? DEFAULT_LISTED_MEMBER_STATUS,
    deleted,
    ...(deletedAt ? [deletedAt] : []),
  ]);
}

function filterConditions(em: EntityManager, filter: ImageListFilter): Condition[] {
  // Killed images never appear in lists; hidden ones only when the filter asks (Glance).
  const conditions: Condition[] = [{ status: { $ne: 'killed' } }, { osHidden: filter.osHidden ?? false }];
  const equal = (field: string, value: unknown) => value !== null && value !== undefined && conditions.push({ [field]: value });
  const oneOf = (field: string, values: readonly unknown[] | null | undefined) => values?.length && conditions.push({ [field]: { $in: values } });
  equal('name', filter.name);
  equal('owner', filter.owner);
  equal('protected', filter.protected);
  oneOf('status', filter.status);
  oneOf('diskFormat', filter.diskFormat);
  oneOf('containerFormat', filter.containerFormat);
  if (filter.sizeMin !== null && filter.sizeMin !== undefined) conditions.push({ size: { $gte: filter.sizeMin } });
  if (filter.sizeMax !== null && filter.sizeMax !== undefined) conditions.push({ size: { $lte: filter.sizeMax } });
  conditions.push(...rangeConditions('createdAt', filter.createdAt), ...rangeConditions('updatedAt', filter.updatedAt));
  if (filter.tags?.length) conditions.push({ id: { $in: imagesWithAllTags(em, filter.tags) } });
  return conditions;
}

function rangeConditions(field: string, range: TimeRange | null | undefined): Condition[] {
  const conditions: Condition[] = [];
  if (range?.from) conditions.push({ [field]: { $gte: range.from } });
  if (range?.to) conditions.push({ [field]: { $lte: range.to } });
  return conditions;
}

/** A sub-select of the ids of images that carry every one of `tags`. */
function imagesWithAllTags(em: EntityManager, tags: readonly string[]) {
  const distinct = [...new Set(tags)];
  return em
    .createQueryBuilder(ImageTag, 't')
    .select('t.image')
    .where({ value: { $in: distinct } })
    .groupBy('t.image')
    .having('count(distinct t.value) = ?', [distinct.length])
    .getKnexQuery();
}
