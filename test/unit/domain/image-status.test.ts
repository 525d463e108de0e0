import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/domain/errors.js';
import { assertTransition, canTransition, IMAGE_TRANSITIONS } from '../../../src/domain/images/image-status.js';
import { IMAGE_STATUSES } from '../../../src/domain/images/image-values.js';

// Glance: glance/domain/__init__.py Image.valid_state_targets, as a list of allowed pairs.
const ALLOWED = new Set([
  'queued>saving', 'queued>uploading', 'queued>importing', 'queued>active', 'queued>deleted',
  'saving>active', 'saving>killed', 'saving>deleted', 'saving>queued',
  'uploading>importing', 'uploading>queued', 'uploading>deleted',
  'importing>active', 'importing>deleted', 'importing>queued',
  'active>pending_delete', 'active>deleted', 'active>deactivated',
  'deactivated>active', 'deactivated>deleted',
  'pending_delete>deleted', 'pending_delete>active',
  'killed>deleted',
]);

describe('image status machine', () => {
  it('covers every status', () => {
    expect(Object.keys(IMAGE_TRANSITIONS).sort()).toEqual([...IMAGE_STATUSES].sort());
  });

  for (const from of IMAGE_STATUSES) {
    for (const to of IMAGE_STATUSES) {
      const allowed = ALLOWED.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        if (allowed) expect(() => assertTransition('test', from, to)).not.toThrow();
        else expect(() => assertTransition('test', from, to)).toThrow(ConflictError);
      });
    }
  }
});
