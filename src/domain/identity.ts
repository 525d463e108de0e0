// Who is calling: what a verified token (or a trusted proxy) says, with Keystone's implied roles added.

export interface Identity {
  readonly userId: string;
  readonly projectId: string | null;
  readonly roles: readonly string[];
  readonly isAdmin: boolean;
}

/** Keystone's default role hierarchy: a token for `admin` also carries `member` and `reader`. */
const IMPLIED_ROLES: Readonly<Record<string, readonly string[]>> = {
  admin: ['member', 'reader'],
  member: ['reader'],
};

/** The roles Keystone defines by default; tokens may carry no others. */
export const KNOWN_ROLES: readonly string[] = [...new Set(Object.entries(IMPLIED_ROLES).flat(2))];

export function createIdentity(userId: string, projectId: string | null, roles: readonly string[]): Identity {
  const effective = new Set<string>();
  const add = (role: string) => {
    const name = role.toLowerCase();
    if (effective.has(name)) return;
    effective.add(name);
    for (const implied of IMPLIED_ROLES[name] ?? []) add(implied);
  };
  roles.forEach(add);
  const sorted = [...effective].sort();
  return Object.freeze({ userId, projectId, roles: Object.freeze(sorted), isAdmin: effective.has('admin') });
}

/**
 * All that policies and visibility know of a caller: two callers with equal keys are allowed and shown the same
 * things, so a read done for one of them stands for the other.
 */
export function accessKeyOf(identity: Identity): string {
  return JSON.stringify([identity.userId, identity.projectId, identity.roles, identity.isAdmin]);
}
