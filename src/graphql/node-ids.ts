// Ids of objects that have no id of their own: a membership is named by its image and its member project, and
// its GraphQL id encodes both, so it is stable and `node(id)` can find the membership again.
const MEMBER_ID_PREFIX = 'ImageMember:';

export function memberNodeId(imageId: string, memberId: string): string {
  return Buffer.from(`${MEMBER_ID_PREFIX}${imageId}:${memberId}`, 'utf8').toString('base64url');
}

/** The image and member project a membership id names, or null for any other string. */
export function parseMemberNodeId(id: string): { imageId: string; memberId: string } | null {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  if (!text.startsWith(MEMBER_ID_PREFIX)) return null;
  const rest = text.slice(MEMBER_ID_PREFIX.length);
  const separator = rest.indexOf(':');
  return separator > 0 ? { imageId: rest.slice(0, separator), memberId: rest.slice(separator + 1) } : null;
}
