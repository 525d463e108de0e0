// Glance's rules for an image's location list, as pure functions over plain values (no database, no network).
// Glance: glance/api/v2/images.py ImagesController._do_add_locations, _do_replace_locations, _do_remove_locations
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../../config/index.js';
import { ConflictError, ForbiddenError, InvalidInputError, PayloadTooLargeError } from '../errors.js';
import type { ImageStatus } from '../images/image-values.js';

export type LocationOperation = 'add' | 'replace' | 'remove';

/**
 * The founding rule: the statuses in which each operation may touch the location list. Anything else is a
 * CONFLICT for every caller, admins included: data being written (SAVING) or under review (DEACTIVATED) must not
 * change underneath.
 * Glance: lite-spec "Return 409 if setting location to saving or deactivated image" (Newton), extended in Ocata.
 */
const LOCATION_STATUS_RULES: Readonly<Record<LocationOperation, readonly ImageStatus[]>> = {
  add: ['queued', 'active'],
  replace: ['queued', 'active'],
  remove: ['active'],
};

/** How many objects and lists deep location metadata may nest; real store metadata is one or two levels. */
const MAX_METADATA_DEPTH = 32;

const DOING: Readonly<Record<LocationOperation, string>> = {
  add: 'add a location to',
  replace: 'replace the locations of',
  remove: 'remove a location from',
};

export interface LocationValue {
  url: string;
  metadata: unknown;
}

export function canChangeLocations(operation: LocationOperation, status: string): boolean {
  return LOCATION_STATUS_RULES[operation].includes(status as ImageStatus);
}

/** CONFLICT naming the operation and the status, unless the status allows the operation. */
export function assertLocationStatus(operation: LocationOperation, imageId: string, status: string): void {
  if (!canChangeLocations(operation, status)) throw locationStatusConflict(operation, imageId, status);
}

export function locationStatusConflict(operation: LocationOperation, imageId: string, status: string): ConflictError {
  const allowed = LOCATION_STATUS_RULES[operation].map((value) => value.toUpperCase()).join(' or ');
  return new ConflictError(
    `cannot ${DOING[operation]} image ${imageId}: its status is ${status.toUpperCase()}, and this is allowed only while it is ${allowed}`,
  );
}

/** Glance: show_multiple_locations off answers 403 to every location change. */
export function assertLocationsEnabled(config: Pick<Config, 'show_multiple_locations'>): void {
  if (!config.show_multiple_locations) {
    throw new ForbiddenError('image locations are a disabled feature on this server (show_multiple_locations is off)');
  }
}

/**
 * Location metadata: a JSON object whose values are strings, objects or lists of the same (glance_store's
 * check_location_metadata). Glance answers other leaves with a 500; here they are bad input.
 */
export function assertLocationMetadata(metadata: unknown): asserts metadata is Record<string, unknown> {
  if (!isPlainObject(metadata)) throw new InvalidInputError('location metadata must be a JSON object');
  const badLeaf = findBadLeaf(metadata, 'metadata', 0);
  if (badLeaf) throw new InvalidInputError(`location ${badLeaf} must be a string, an object or a list`);
}

/** Glance: a duplicate is the same URL with equal metadata; the same URL with other metadata is another location. */
export function isSameLocation(a: LocationValue, b: LocationValue): boolean {
  return a.url === b.url && isDeepStrictEqual(a.metadata, b.metadata);
}

export function assertNotDuplicate(candidate: LocationValue, existing: readonly LocationValue[]): void {
  if (existing.some((location) => isSameLocation(location, candidate))) {
    throw new InvalidInputError(`the image already has a location ${candidate.url} with the same metadata`);
  }
}

export function assertNoDuplicates(locations: readonly LocationValue[]): void {
  locations.forEach((location, index) => assertNotDuplicate(location, locations.slice(0, index)));
}

/**
 * Glance's fix for OSSN-0065: a replace may set locations on an image that has none, or change the metadata and
 * order of exactly the same URLs; swapping URLs would swap an image's data without anyone hashing it.
 */
export function assertReplaceKeepsUrls(current: readonly LocationValue[], next: readonly LocationValue[]): void {
  if (current.length === 0) return;
  const before = new Set(current.map((location) => location.url));
  const after = new Set(next.map((location) => location.url));
  if (before.size !== after.size || [...after].some((url) => !before.has(url))) {
    throw new InvalidInputError('the locations of an image that has some can only be reordered or given new metadata, not swapped for other URLs');
  }
}

/** Glance: the locations of an image cannot be replaced by none (it would let the image take new data). */
export function assertNotEmptyReplacement(next: readonly LocationValue[]): void {
  if (next.length === 0) throw new ForbiddenError('the locations of an image cannot be replaced by an empty list');
}

/** Glance: the last location of an image cannot be removed (LP #1525915). */
export function assertNotLastLocation(remaining: number): void {
  if (remaining === 0) throw new ForbiddenError('the last location of an image cannot be removed');
}

/** `image_location_quota` (negative = unlimited) on the number of locations after the change. */
export function assertLocationQuota(count: number, quota: number): void {
  if (quota >= 0 && count > quota) {
    throw new PayloadTooLargeError(`an image may have at most ${quota} locations (image_location_quota); this would make ${count}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findBadLeaf(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return null;
  // Deeper metadata would exhaust the stack wherever it is walked (here, comparing, serializing a response).
  if (depth >= MAX_METADATA_DEPTH) throw new InvalidInputError(`location metadata may nest at most ${MAX_METADATA_DEPTH} levels deep`);
  if (Array.isArray(value)) return value.map((item, index) => findBadLeaf(item, `${path}[${index}]`, depth + 1)).find(Boolean) ?? null;
  if (isPlainObject(value)) return Object.entries(value).map(([key, item]) => findBadLeaf(item, `${path}.${key}`, depth + 1)).find(Boolean) ?? null;
  return path;
}

/**
 * Every location holds the same data, so the size its server reports must be the image's (or, for a QUEUED image
 * given several at once, the first one's): a download sends that size as Content-Length.
 * Glance: glance/location.py _check_image_location (store.get_size_from_backend, then _set_image_size)
 */
export function assertLocationSize(imageId: string, url: string, reported: number, expected: number): void {
  if (reported !== expected) {
    throw new InvalidInputError(`invalid location ${url}: it holds ${reported} bytes, but image ${imageId} has ${expected}`);
  }
}
