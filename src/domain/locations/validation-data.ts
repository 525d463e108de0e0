// `validationData` on a location: checksum and hash values a client vouches for, copied onto a QUEUED image when
// the location makes it ACTIVE. They are not checked against the data (Glance does not either).
// Glance: glance/api/v2/images.py ImagesController._validate_validation_data
import { ConflictError, InvalidInputError } from '../errors.js';

/** The hashing algorithm the store uses (Glance's `[DEFAULT] hashing_algorithm` default). */
const HASHING_ALGORITHM = 'sha512';
const SHA512_HEX_LENGTH = 128;
const SHA512_HEX = new RegExp(`^[0-9a-f]{${SHA512_HEX_LENGTH}}$`, 'i');

export interface ValidationData {
  checksum?: string | null;
  osHashAlgo: string;
  osHashValue: string;
}

type Key = 'checksum' | 'osHashAlgo' | 'osHashValue';
export type ValidationValues = Partial<Record<Key, string>>;
const KEYS: readonly Key[] = ['checksum', 'osHashAlgo', 'osHashValue'];

/** The shape Glance's schema enforces before anything else (400). */
export function assertValidationDataShape(data: ValidationData): void {
  if (data.checksum != null && data.checksum.length !== 32) throw new InvalidInputError('validationData.checksum must be exactly 32 characters');
  if (data.osHashAlgo.length > 64) throw new InvalidInputError('validationData.osHashAlgo must be at most 64 characters');
  if (data.osHashValue.length > 128) throw new InvalidInputError('validationData.osHashValue must be at most 128 characters');
}

/**
 * The values the image does not have yet, merged from every location of the request. Conflicting values, values
 * that differ from the image's, new values on an image that is not QUEUED, and malformed hex are CONFLICT.
 */
export function newValidationValues(
  image: { status: string } & Readonly<Record<Key, string | null>>,
  entries: readonly (ValidationData | null | undefined)[],
): ValidationValues {
  const given: ValidationValues = {};
  for (const entry of entries) {
    for (const key of KEYS) {
      const value = entry?.[key];
      if (value == null) continue;
      if (given[key] !== undefined && given[key] !== value) throw new ConflictError(`the locations give different values for validationData.${key}`);
      given[key] = value;
    }
  }
  const fresh: ValidationValues = {};
  for (const key of KEYS) {
    const value = given[key];
    if (value === undefined || value === image[key]) continue;
    if (image[key]) throw new ConflictError(`the image's ${key} is already set to another value than validationData gives`);
    fresh[key] = value;
  }
  if (Object.keys(fresh).length === 0) return fresh;
  if (image.status !== 'queued') {
    throw new ConflictError(`validationData can set ${Object.keys(fresh).join(', ')} only while the image is QUEUED; it is ${image.status.toUpperCase()}`);
  }
  if (fresh.checksum !== undefined && !/^[0-9a-f]{32}$/i.test(fresh.checksum)) throw new ConflictError('validationData.checksum must be 32 hex digits (an MD5 digest)');
  if (fresh.osHashAlgo !== undefined && fresh.osHashAlgo !== HASHING_ALGORITHM) {
    throw new ConflictError(`validationData.osHashAlgo must be ${HASHING_ALGORITHM}, the algorithm this server uses`);
  }
  if (fresh.osHashValue !== undefined && !SHA512_HEX.test(fresh.osHashValue)) {
    throw new ConflictError(`validationData.osHashValue must be ${SHA512_HEX_LENGTH} hex digits (a ${HASHING_ALGORITHM} digest)`);
  }
  return fresh;
}
