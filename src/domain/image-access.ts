// Who may see and do what: Glance's visibility rule plus the operator's policies, for one caller.
// Glance: glance/db/utils.py is_image_visible, glance/api/v2/policy.py ImageAPIPolicy._enforce
import {
  imageTarget, newImageTarget, projectTarget, readsCustomProperties, type Credentials, type NewImageFacts, type PolicyName,
  type Target,
} from '../policy/index.js';
import type { Image } from '../persistence/entities/index.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import type { Identity } from './identity.js';
import type { PropertyLoader } from './images/property-loader.js';
import type { CallerMemberships } from './members/caller-memberships.js';

/** The part of the policy engine the domain needs. */
export interface PolicyDecider {
  enforce(name: PolicyName, credentials: Credentials, target: Readonly<Record<string, unknown>>): boolean;
  /** The target keys the rules in effect read. */
  targetKeys(): ReadonlySet<string>;
}

export class Access {
  private readonly credentials: Credentials;

  constructor(
    private readonly policy: PolicyDecider,
    readonly identity: Identity,
    private readonly memberships: CallerMemberships,
    private readonly properties: Pick<PropertyLoader, 'preload' | 'loadedFor'>,
  ) {
    this.credentials = {
      user_id: identity.userId,
      project_id: identity.projectId,
      roles: identity.roles,
      is_admin: identity.isAdmin,
    };
  }

  /**
   * Glance's visibility: admins, ownerless images, public and community images, the owner's project, and for a
   * SHARED image the projects that are members in any status (pending and rejected included).
   */
  isVisible(image: Image): boolean {
    if (this.identity.isAdmin || image.owner === null) return true;
    if (image.visibility === 'public' || image.visibility === 'community') return true;
    return image.owner === this.identity.projectId || this.memberships.statusOf(image) !== null;
  }

  /**
   * Loads what visibility and policy checks need to know about these images besides their columns: the caller's
   * memberships, and the custom properties when a rule in effect reads one. One statement each for the batch, none
   * for what is already loaded.
   */
  async prepare(images: readonly Image[]): Promise<void> {
    const needsProperties = readsCustomProperties(this.policy.targetKeys());
    await Promise.all([
      this.memberships.preload(images),
      needsProperties ? this.properties.preload(images.map((image) => image.id)) : undefined,
    ]);
  }

  /** Whether the caller may read the image: visible and allowed by `get_image`. */
  canRead(image: Image): boolean {
    return this.isVisible(image) && this.allows('get_image', image);
  }

  /** The policy's decision, with the image as target, or the caller's project when there is no image. */
  allows(name: PolicyName, image?: Image | null): boolean {
    return this.policy.enforce(name, this.credentials, image ? this.targetOf(image) : projectTarget(this.identity.projectId));
  }

  /** The policy's decision on creating an image with this owner and visibility. */
  allowsCreating(name: PolicyName, image: NewImageFacts): boolean {
    return this.policy.enforce(name, this.credentials, newImageTarget(image));
  }

  /** Throws FORBIDDEN on a denial, or NOT_FOUND when the image is one the caller cannot read at all. */
  require(name: PolicyName, image?: Image | null): void {
    if (image && !this.canRead(image)) throw new NotFoundError(`no image with id ${image.id}`);
    if (!this.allows(name, image)) throw new ForbiddenError(`policy "${name}" does not allow this`);
  }

  private targetOf(image: Image): Target {
    // member_id names the caller's project only when it really is a member (Glance reads it from the membership).
    const memberProjectId = this.memberships.statusOf(image) !== null ? this.identity.projectId : null;
    // Properties not loaded (since this request changed them, until `prepare` reads them again) are left out.
    const properties = this.properties.loadedFor(image.id) ?? [];
    return imageTarget(image, memberProjectId, Object.fromEntries(properties.map(({ name, value }) => [name, value])));
  }
}
