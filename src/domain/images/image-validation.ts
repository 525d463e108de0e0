// Input rules for image metadata, as Glance's schema and domain enforce them.
// Glance: glance/api/v2/images.py RequestDeserializer, glance/domain/__init__.py ImageFactory, glance/common/utils.py
import type { Config } from '../../config/index.js';
import { ForbiddenError, InvalidInputError, PayloadTooLargeError } from '../errors.js';

const MAX_TEXT = 255;
const MAX_DB_INT = 2 ** 31 - 1;
const MAX_PROPERTY_VALUE = 65_535;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOUR_BYTE_UTF8 = /[\u{10000}-\u{10FFFF}]/u;

/** Names that are image attributes or API links in Glance, so they can never be custom properties. */
const RESERVED_PROPERTY_NAMES = new Set([
  'checksum', 'created_at', 'container_format', 'disk_format', 'id', 'min_disk', 'min_ram', 'name', 'size',
  'virtual_size', 'status', 'tags', 'owner', 'updated_at', 'visibility', 'protected', 'os_hidden', 'os_hash_algo',
  'os_hash_value', 'location', 'locations', 'deleted', 'deleted_at', 'direct_url', 'self', 'file', 'schema', 'stores',
]);
const RESERVED_NAMESPACE = 'os_glance';

/** Glance's id format: 8-4-4-4-12 hex digits. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function assertUuid(id: string, what = 'image id'): void {
  if (!isUuid(id)) throw new InvalidInputError(`${what} "${id}" is not a UUID (8-4-4-4-12 hex digits)`);
}

/** Glance stores text in utf8 (3-byte) columns and refuses characters outside the Basic Multilingual Plane. */
export function assertText(value: string, field: string, maxLength = MAX_TEXT): void {
  if (value.length > maxLength) throw new InvalidInputError(`${field} is longer than ${maxLength} characters`);
  if (FOUR_BYTE_UTF8.test(value)) throw new InvalidInputError(`${field} contains a 4-byte UTF-8 character, which is not allowed`);
}

export function assertDbInt(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_DB_INT) {
    throw new InvalidInputError(`${field} must be an integer from 0 to ${MAX_DB_INT}`);
  }
}

export function assertFormat(kind: 'disk' | 'container', format: string | null | undefined, config: Config): void {
  if (format === null || format === undefined) return;
  const allowed: readonly string[] = kind === 'disk' ? config.disk_formats : config.container_formats;
  if (!allowed.includes(format)) {
    const option = kind === 'disk' ? 'disk_formats' : 'container_formats';
    throw new InvalidInputError(
      `${kind} format ${format.toUpperCase()} is not enabled on this server (${option}); allowed: ${allowed.map((f) => f.toUpperCase()).join(', ')}`,
    );
  }
}

export function assertPropertyName(key: string): void {
  if (key.length === 0) throw new InvalidInputError('a property name must not be empty');
  assertText(key, `property name "${key}"`);
  if (RESERVED_PROPERTY_NAMES.has(key)) throw new ForbiddenError(`property "${key}" is reserved by Glance and cannot be set as a custom property`);
  if (key.startsWith(RESERVED_NAMESPACE)) throw new ForbiddenError(`property "${key}" is in the reserved "${RESERVED_NAMESPACE}" namespace`);
}

export function assertPropertyValue(key: string, value: string): void {
  assertText(value, `value of property "${key}"`, MAX_PROPERTY_VALUE);
}

export function assertTag(tag: string): void {
  if (tag.length === 0) throw new InvalidInputError('a tag must not be empty');
  assertText(tag, `tag "${tag}"`);
}

/** Glance quota options: a negative value means unlimited. */
export function assertQuota(count: number, quota: number, what: string, option: string): void {
  if (quota >= 0 && count > quota) {
    throw new PayloadTooLargeError(`too many ${what}: ${count} exceeds ${option} (${quota})`);
  }
}
