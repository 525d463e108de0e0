// The status and protection rules each image action has besides its policies. `Image.viewerCan` combines these
// with the policies the schema declares on the matching mutation, so the answer and the mutation cannot disagree.
import type { Config } from '../../config/index.js';
import type { Image } from '../../persistence/index.js';
import type { Identity } from '../identity.js';
import { canChangeLocations } from '../locations/location-rules.js';
import type { ImageStatus } from './image-values.js';

export type ImageAction = 'delete' | 'deactivate' | 'reactivate' | 'setLocation' | 'download' | 'modify';

export function imageActionPreconditions(config: Config, identity: Identity, image: Image): Record<ImageAction, boolean> {
  const status = image.status as ImageStatus;
  return {
    delete: !image.protected,
    deactivate: status === 'active' || status === 'deactivated',
    reactivate: status === 'deactivated' || status === 'active',
    setLocation: config.show_multiple_locations && canChangeLocations('add', status),
    // Glance: deactivated images can be downloaded by admins only; images without data have nothing to download.
    download: status === 'active' || (status === 'deactivated' && identity.isAdmin),
    modify: true,
  };
}
