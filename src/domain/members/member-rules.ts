// Glance's membership rules that hold whatever the policy file says: only SHARED images have members, only the
// owner's project adds and removes them, only a member project answers for itself, and a member sees only its
// own entry. Admins are exempt from the ownership rules.
// Glance: glance/api/v2/image_members.py _check_visibility_and_ownership; glance/db/sqlalchemy/api.py _image_member_find
import type { Image } from '../../persistence/index.js';
import { ForbiddenError, InvalidInputError } from '../errors.js';
import type { Identity } from '../identity.js';
import { assertText } from '../images/image-validation.js';

export type MemberChange = 'add' | 'update' | 'remove';

export function assertMemberId(memberId: string): void {
  if (memberId.trim().length === 0) throw new InvalidInputError('memberId must name a project');
  assertText(memberId, 'memberId');
}

/** Throws FORBIDDEN when the caller may not make this kind of membership change on the image. */
export function assertMayChangeMembers(identity: Identity, image: Image, change: MemberChange): void {
  if (image.visibility !== 'shared') {
    throw new ForbiddenError(`only SHARED images have members; image ${image.id} is ${image.visibility.toUpperCase()}`);
  }
  if (identity.isAdmin) return;
  const ownsImage = image.owner !== null && image.owner === identity.projectId;
  if (change === 'update' && ownsImage) {
    throw new ForbiddenError('the owner cannot answer for a member: only the member project accepts or rejects a shared image');
  }
  if (change !== 'update' && !ownsImage) {
    throw new ForbiddenError(`only the project that owns image ${image.id} may ${change} its members`);
  }
}

/**
 * Which member rows the caller may see, as a query condition: all of them for an admin, else the rows of images
 * its project owns and its project's own rows. Null when it may see none (a caller without a project).
 */
export function visibleMembersCondition(identity: Identity): Record<string, unknown> | null {
  if (identity.isAdmin) return {};
  if (identity.projectId === null) return null;
  return { $or: [{ memberId: identity.projectId }, { image: { owner: identity.projectId } }] };
}
