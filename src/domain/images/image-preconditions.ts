// What an image must be for each action, besides the caller's policies: protection, status, enabled features.
// The services assert these before they act, and `Image.viewerCan` reports whether they hold, so the two cannot
// disagree.
import type { Config } from '../../config/index.js';
import type { Image } from '../../persistence/index.js';
import { ConflictError, DomainError, ForbiddenError } from '../errors.js';
import type { Identity } from '../identity.js';
import { assertLocationsEnabled, assertLocationStatus } from '../locations/location-rules.js';
import type { ImageStatus } from './image-values.js';

export type ImageAction = 'delete' | 'deactivate' | 'reactivate' | 'setLocation' | 'download' | 'modify';

/** What the preconditions read besides the image. */
export interface ActionContext {
  config: Pick<Config, 'show_multiple_locations'>;
  identity: Pick<Identity, 'isAdmin'>;
}

/** Each throws the error the action answers when the image is not fit for it. */
const PRECONDITIONS: Readonly<Record<ImageAction, (image: Image, context: ActionContext) => void>> = {
  delete: (image) => {
    if (image.protected) throw new ForbiddenError(`image ${image.id} is protected and cannot be deleted`);
  },
  // Glance: an image already where the action leads is left as it is, without an error.
  deactivate: (image) => assertStatusFor('deactivate', image, ['active', 'deactivated']),
  reactivate: (image) => assertStatusFor('reactivate', image, ['deactivated', 'active']),
  setLocation: (image, { config }) => {
    assertLocationsEnabled(config);
    assertLocationStatus('add', image.id, image.status);
  },
  // Glance checks this before the policy: a deactivated image's data is kept from everyone but admins.
  download: (image, { identity }) => {
    if (image.status === 'deactivated' && !identity.isAdmin) throw new ForbiddenError(`image ${image.id} is DEACTIVATED; only admins can download its data`);
  },
  modify: () => {},
};

export function assertImagePrecondition(action: ImageAction, image: Image, context: ActionContext): void {
  PRECONDITIONS[action](image, context);
}

/** Whether each action's precondition holds; download also needs data, which only ACTIVE and DEACTIVATED images have. */
export function imageActionPreconditions(image: Image, context: ActionContext): Record<ImageAction, boolean> {
  const holds = (action: ImageAction) => {
    try {
      assertImagePrecondition(action, image, context);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  };
  return {
    delete: holds('delete'),
    deactivate: holds('deactivate'),
    reactivate: holds('reactivate'),
    setLocation: holds('setLocation'),
    download: holds('download') && hasData(image),
    modify: holds('modify'),
  };
}

function hasData(image: Image): boolean {
  return image.status === 'active' || image.status === 'deactivated';
}

function assertStatusFor(action: 'deactivate' | 'reactivate', image: Image, allowed: readonly ImageStatus[]): void {
  if (allowed.includes(image.status as ImageStatus)) return;
  throw new ConflictError(
    `cannot ${action} image ${image.id}: its status is ${image.status.toUpperCase()}, and only ${allowed[0]!.toUpperCase()} images can be ${action}d`,
  );
}
