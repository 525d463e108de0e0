import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, InvalidInputError, PayloadTooLargeError } from '../../../src/domain/errors.js';
import { IMAGE_STATUSES } from '../../../src/domain/images/image-values.js';
import {
  assertLocationMetadata, assertLocationQuota, assertLocationsEnabled, assertLocationStatus, assertNoDuplicates,
  assertNotLastLocation, assertReplaceKeepsUrls, isSameLocation, type LocationOperation,
} from '../../../src/domain/locations/location-rules.js';
import { assertLocationUrlLength, assertSettableScheme } from '../../../src/domain/locations/location-url.js';

// Glance since Ocata: add and replace while queued or active, remove while active; everything else is 409.
const EXPECTED: Record<LocationOperation, string[]> = { add: ['queued', 'active'], replace: ['queued', 'active'], remove: ['active'] };
const CASES = IMAGE_STATUSES.flatMap((status) => (['add', 'replace', 'remove'] as const).map((operation) => ({ status, operation })));

describe('the founding rule', () => {
  it.each(CASES)('$operation on a $status image', ({ status, operation }) => {
    const check = () => assertLocationStatus(operation, 'img-1', status);
    if (EXPECTED[operation].includes(status)) return expect(check).not.toThrow();
    expect(check).toThrow(ConflictError);
    expect(check).toThrow(new RegExp(`^cannot (add|replace|remove) .*image img-1: its status is ${status.toUpperCase()},`));
  });

  it('names the operation in its message', () => {
    expect(() => assertLocationStatus('add', 'i', 'saving')).toThrow(/cannot add a location to image i: .*only while it is QUEUED or ACTIVE/);
    expect(() => assertLocationStatus('replace', 'i', 'deactivated')).toThrow(/cannot replace the locations of image i: its status is DEACTIVATED/);
    expect(() => assertLocationStatus('remove', 'i', 'queued')).toThrow(/cannot remove a location from image i: .*only while it is ACTIVE$/);
  });
});

describe('location rules', () => {
  it('refuses everything while show_multiple_locations is off', () => {
    expect(() => assertLocationsEnabled({ show_multiple_locations: false })).toThrow(ForbiddenError);
    expect(() => assertLocationsEnabled({ show_multiple_locations: true })).not.toThrow();
  });

  it('treats the same URL with equal metadata (in any key order) as a duplicate, other metadata as another location', () => {
    expect(isSameLocation({ url: 'u', metadata: { a: '1', b: ['x'] } }, { url: 'u', metadata: { b: ['x'], a: '1' } })).toBe(true);
    expect(isSameLocation({ url: 'u', metadata: { a: '1' } }, { url: 'u', metadata: { a: '2' } })).toBe(false);
    expect(() => assertNoDuplicates([{ url: 'u', metadata: {} }, { url: 'v', metadata: {} }, { url: 'u', metadata: {} }])).toThrow(InvalidInputError);
  });

  it('lets a replace keep exactly the URLs an image has (OSSN-0065), or set any on an image without locations', () => {
    const current = [{ url: 'a', metadata: {} }, { url: 'b', metadata: {} }];
    expect(() => assertReplaceKeepsUrls(current, [{ url: 'b', metadata: { x: 'y' } }, { url: 'a', metadata: {} }])).not.toThrow();
    expect(() => assertReplaceKeepsUrls(current, [{ url: 'a', metadata: {} }])).toThrow(InvalidInputError);
    expect(() => assertReplaceKeepsUrls(current, [{ url: 'a', metadata: {} }, { url: 'c', metadata: {} }])).toThrow(InvalidInputError);
    expect(() => assertReplaceKeepsUrls([], [{ url: 'c', metadata: {} }])).not.toThrow();
  });

  it('keeps the last location and counts against image_location_quota (negative = unlimited)', () => {
    expect(() => assertNotLastLocation(0)).toThrow(ForbiddenError);
    expect(() => assertNotLastLocation(1)).not.toThrow();
    expect(() => assertLocationQuota(11, 10)).toThrow(PayloadTooLargeError);
    expect(() => assertLocationQuota(10, 10)).not.toThrow();
    expect(() => assertLocationQuota(1000, -1)).not.toThrow();
  });

  it('accepts metadata of strings, objects and lists only', () => {
    expect(() => assertLocationMetadata({ a: 'x', b: { c: ['d', { e: 'f' }] } })).not.toThrow();
    expect(() => assertLocationMetadata({ a: { b: [1] } })).toThrow(/metadata\.a\.b\[0\] must be a string/);
    expect(() => assertLocationMetadata(null)).toThrow(/JSON object/);
    expect(() => assertLocationMetadata(['x'])).toThrow(/JSON object/);
  });

  it('accepts only http(s) URLs of at most 255 characters from users', () => {
    expect(() => assertSettableScheme('HTTPS://example.com/x')).not.toThrow();
    for (const url of ['file:///etc/passwd', 'filesystem:///x', 'swift+config://ref/c/o', 'ftp://h/x', 'rbd://a/b/c/d', '/relative']) {
      expect(() => assertSettableScheme(url), url).toThrow(InvalidInputError);
    }
    expect(() => assertLocationUrlLength(`http://h/${'x'.repeat(246)}`)).not.toThrow();
    expect(() => assertLocationUrlLength(`http://h/${'x'.repeat(247)}`)).toThrow(/255/);
  });
});
