// Glance's image status machine as data, with one guard.
// Glance: glance/domain/__init__.py Image.valid_state_targets
import { ConflictError } from '../errors.js';
import type { ImageStatus } from './image-values.js';

export const IMAGE_TRANSITIONS: Readonly<Record<ImageStatus, readonly ImageStatus[]>> = {
  queued: ['saving', 'uploading', 'importing', 'active', 'deleted'],
  saving: ['active', 'killed', 'deleted', 'queued'],
  uploading: ['importing', 'queued', 'deleted'],
  importing: ['active', 'deleted', 'queued'],
  active: ['pending_delete', 'deleted', 'deactivated'],
  deactivated: ['active', 'deleted'],
  pending_delete: ['deleted', 'active'],
  killed: ['deleted'],
  deleted: [],
};

export function canTransition(from: ImageStatus, to: ImageStatus): boolean {
  return IMAGE_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT naming both statuses when `operation` would move the image where the machine forbids. */
export function assertTransition(operation: string, from: ImageStatus, to: ImageStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`cannot ${operation}: image status is ${from.toUpperCase()}, which cannot become ${to.toUpperCase()}`);
  }
}
