// Listing images: Glance's visibility scope and filters expressed in SQL, then one keyset page.
// Glance: glance/db/sqlalchemy/api.py _select_images_query, _make_conditions_from_filters
import type { Config } from '../../config/index.js';
import {
  afterCondition, decodeCursor, encodeCursor, Image, ImageTag, InvalidCursorError, orderByFor,
  type EntityManager, type SortKey,
} from '../../persistence/index.js';
import type { Access } from '../access.js';
import { InvalidInputError } from '../errors.js';
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
}

export interface ImageListRequest {
  filter?: ImageListFilter | null;
  sort?: readonly { field: ImageSortField; direction?: SortDirection | null }[] | null;
  first?: number | null;
  after?: string | null;
}

export interface ImagePage {
  edges: { cursor: string; node: Image }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

type Condition = Record<string, unknown>;
const DATE_FIELDS = new Set(['createdAt', 'updatedAt']);

export async function listImages(em: EntityManager, access: Access, config: Config, request: ImageListRequest): Promise<ImagePage> {
  const limit = pageSize(request.first, config);
  const keys = sortKeys(request.sort);
  const conditions: Condition[] = [visibilityScope(access, request.filter?.visibility ?? null), ...filterConditions(em, request.filter ?? {})];
  if (request.after) conditions.push(afterCondition(keys, decodeAfter(keys, request.after)));
  const rows = await em.find(Image, { $and: conditions }, { orderBy: orderByFor(keys), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keys, node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** `first` defaults to limit_param_default and is capped at api_limit_max, as Glance's `limit`. */
export function pageSize(first: number | null | undefined, config: Config): number {
  if (first === null || first === undefined) return config.limit_param_default;
  if (!Number.isInteger(first) || first < 0) throw new InvalidInputError('`first` must be a non-negative integer');
  return Math.min(first, config.api_limit_max);
}

/** The given keys, then `id` as the tie-breaker (in the first key's direction) unless `id` is already a key. */
function sortKeys(sort: ImageListRequest['sort']): SortKey<ImageSortField>[] {
  const keys: SortKey<ImageSortField>[] = [];
  for (const { field, direction } of sort?.length ? sort : [{ field: 'createdAt' as const, direction: 'desc' as const }]) {
    if (keys.some((key) => key.field === field)) throw new InvalidInputError(`sort field ${field} is given twice`);
    keys.push({ field, direction: direction ?? 'desc' });
    if (field === 'id') return keys;
  }
  keys.push({ field: 'id', direction: keys[0]!.direction });
  return keys;
}

function decodeAfter(keys: SortKey<ImageSortField>[], after: string): unknown[] {
  try {
    return decodeCursor(keys, after, DATE_FIELDS);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new InvalidInputError(`after: ${error.message}`);
    throw error;
  }
}

/**
 * Which images the caller's list may hold (Glance's default list): public images, the caller's project's images,
 * and, when asked for by visibility, community images. Admins see every project's images, but other projects'
 * community images still only when COMMUNITY is asked for.
 */
function visibilityScope(access: Access, visibility: ImageVisibility | null): Condition {
  const { isAdmin, projectId } = access.identity;
  const own = { owner: projectId };
  switch (visibility) {
    case 'public':
    case 'community':
      return { visibility };
    case 'private':
    case 'shared':
      return isAdmin ? { visibility } : { visibility, ...own };
    case null:
      if (isAdmin) return { $or: [{ visibility: { $ne: 'community' } }, own] };
      return { $or: [{ visibility: 'public' }, own] };
  }
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
