// The states of an image membership, in Glance's lowercase spelling (what the database holds).

export const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Glance lists shared images the caller's project has accepted unless another status is asked for. */
export const DEFAULT_LISTED_MEMBER_STATUS: MemberStatus = 'accepted';
