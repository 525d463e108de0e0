import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '../../../src/domain/errors.js';
import { assertValidationDataShape, newValidationValues } from '../../../src/domain/locations/validation-data.js';

const MD5 = '0123456789abcdef0123456789ABCDEF';
const SHA512 = 'ab'.repeat(64);
const queued = { status: 'queued', checksum: null, osHashAlgo: null, osHashValue: null };

describe('validationData', () => {
  it('checks the shape Glance’s schema checks (400)', () => {
    expect(() => assertValidationDataShape({ checksum: 'abc', osHashAlgo: 'sha512', osHashValue: SHA512 })).toThrow(InvalidInputError);
    expect(() => assertValidationDataShape({ osHashAlgo: 'x'.repeat(65), osHashValue: SHA512 })).toThrow(InvalidInputError);
    expect(() => assertValidationDataShape({ osHashAlgo: 'sha512', osHashValue: 'a'.repeat(129) })).toThrow(InvalidInputError);
    expect(() => assertValidationDataShape({ checksum: MD5, osHashAlgo: 'sha512', osHashValue: SHA512 })).not.toThrow();
  });

  it('merges the values of several locations and returns the ones the image lacks', () => {
    const given = { checksum: MD5, osHashAlgo: 'sha512', osHashValue: SHA512 };
    expect(newValidationValues(queued, [given, null, { osHashAlgo: 'sha512', osHashValue: SHA512 }])).toEqual(given);
    expect(newValidationValues({ ...queued, checksum: MD5 }, [given])).toEqual({ osHashAlgo: 'sha512', osHashValue: SHA512 });
    expect(newValidationValues(queued, [null, undefined])).toEqual({});
  });

  it('is a CONFLICT when locations disagree, the image has another value, or the image is not QUEUED', () => {
    expect(() => newValidationValues(queued, [{ osHashAlgo: 'sha512', osHashValue: SHA512 }, { osHashAlgo: 'sha512', osHashValue: 'cd'.repeat(64) }]))
      .toThrow(/different values for validationData.osHashValue/);
    expect(() => newValidationValues({ ...queued, checksum: 'f'.repeat(32) }, [{ checksum: MD5, osHashAlgo: 'sha512', osHashValue: SHA512 }]))
      .toThrow(/checksum is already set/);
    expect(() => newValidationValues({ ...queued, status: 'active' }, [{ osHashAlgo: 'sha512', osHashValue: SHA512 }])).toThrow(/only while the image is QUEUED/);
    // Values the active image already has are simply ignored.
    expect(newValidationValues({ status: 'active', checksum: MD5, osHashAlgo: 'sha512', osHashValue: SHA512 }, [{ checksum: MD5, osHashAlgo: 'sha512', osHashValue: SHA512 }])).toEqual({});
  });

  it.each([
    { checksum: 'g'.repeat(32), osHashAlgo: 'sha512', osHashValue: SHA512 },
    { osHashAlgo: 'sha256', osHashValue: 'ab'.repeat(32) },
    { osHashAlgo: 'sha512', osHashValue: 'ab'.repeat(32) },
    { osHashAlgo: 'sha512', osHashValue: 'zz'.repeat(64) },
  ])('is a CONFLICT for malformed new values %j', (data) => {
    expect(() => newValidationValues(queued, [data])).toThrow(ConflictError);
  });
});
