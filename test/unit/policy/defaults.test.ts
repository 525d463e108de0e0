import { beforeAll, describe, expect, it } from 'vitest';
import { POLICY_DEFAULTS, POLICY_NAMES, isPolicyName, type PolicyName } from '../../../src/policy/defaults.js';
import { PolicyEnforcer } from '../../../src/policy/enforcer.js';
import type { Credentials, Target } from '../../../src/policy/evaluator.js';
import { parseRule } from '../../../src/policy/parser.js';
import { imageTarget, newImageTarget, projectTarget } from '../../../src/policy/target.js';

const PERSONAS = {
  admin: { user_id: 'root', project_id: 'ADM', roles: ['admin', 'member', 'reader'], is_admin: true },
  pMember: { user_id: 'pm', project_id: 'P', roles: ['member', 'reader'], is_admin: false },
  pReader: { user_id: 'pr', project_id: 'P', roles: ['reader'], is_admin: false },
  qMember: { user_id: 'qm', project_id: 'Q', roles: ['member', 'reader'], is_admin: false },
  qReader: { user_id: 'qr', project_id: 'Q', roles: ['reader'], is_admin: false },
} satisfies Record<string, Credentials>;
type Persona = keyof typeof PERSONAS;
const EVERYONE = Object.keys(PERSONAS) as Persona[];

/** What a rule is about: an image of project P (seen by each caller), one P is to own, or project P itself. */
type Subject = 'project P' | 'new image of P' | 'private' | 'shared' | 'public' | 'community' | 'deactivated';

function targetFor(subject: Subject, caller: Credentials): Target {
  if (subject === 'project P') return projectTarget('P');
  if (subject === 'new image of P') return newImageTarget({ owner: 'P', visibility: 'shared' });
  const visibility = subject === 'deactivated' ? 'private' : subject;
  const status = subject === 'deactivated' ? 'deactivated' : 'active';
  return imageTarget({ id: 'img-1', owner: 'P', visibility, status, protected: false }, caller.project_id);
}

// [policy, subject, who is allowed]; everybody else must be denied.
const TABLE: readonly [PolicyName, Subject, readonly Persona[]][] = [
  ['default', 'private', EVERYONE],
  ['context_is_admin', 'project P', ['admin']],
  ['add_image', 'new image of P', ['admin', 'pMember']],
  ['get_image', 'private', ['admin', 'pMember', 'pReader']],
  ['get_image', 'shared', EVERYONE],
  ['get_image', 'public', EVERYONE],
  ['get_image', 'community', EVERYONE],
  ['get_images', 'project P', ['admin', 'pMember', 'pReader']],
  ['modify_image', 'private', ['admin', 'pMember']],
  ['modify_image', 'public', ['admin', 'pMember']],
  ['delete_image', 'private', ['admin', 'pMember']],
  ['delete_image', 'public', ['admin', 'pMember']],
  ['publicize_image', 'private', ['admin']],
  ['communitize_image', 'private', ['admin', 'pMember']],
  ['deactivate', 'private', ['admin', 'pMember']],
  ['reactivate', 'deactivated', ['admin', 'pMember']],
  ['download_image', 'private', ['admin', 'pMember']],
  ['download_image', 'shared', ['admin', 'pMember', 'qMember']],
  ['download_image', 'public', ['admin', 'pMember', 'qMember']],
  ['upload_image', 'private', ['admin', 'pMember']],
  ['get_image_location', 'private', ['admin', 'pMember', 'pReader']],
  ['get_image_location', 'public', ['admin', 'pMember', 'pReader']],
  ['set_image_location', 'private', ['admin', 'pMember']],
  ['delete_image_location', 'private', ['admin']],
  ['add_member', 'shared', ['admin', 'pMember']],
  ['get_member', 'shared', EVERYONE],
  ['get_member', 'private', ['admin', 'pMember', 'pReader']],
  ['get_members', 'shared', EVERYONE],
  ['modify_member', 'shared', ['admin', 'qMember']],
  ['delete_member', 'shared', ['admin', 'pMember']],
  ['add_task', 'project P', ['admin', 'pMember']],
  ['get_task', 'project P', ['admin', 'pMember', 'pReader']],
  ['get_tasks', 'project P', ['admin', 'pMember', 'pReader']],
  ['tasks_api_access', 'project P', ['admin']],
  ['delete_deactivated_image', 'deactivated', EVERYONE],
];

describe('default policies against personas', () => {
  let enforcer: PolicyEnforcer;
  beforeAll(async () => {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    enforcer = await PolicyEnforcer.create({ logger: quiet });
  });

  it.each(TABLE)('%s on %s', (policy, subject, allowed) => {
    const decisions = Object.fromEntries(
      EVERYONE.map((persona) => {
        const caller = PERSONAS[persona];
        return [persona, enforcer.enforce(policy, caller, targetFor(subject, caller))];
      }),
    );
    const expected = Object.fromEntries(EVERYONE.map((persona) => [persona, allowed.includes(persona)]));
    expect(decisions).toEqual(expected);
  });

  it('covers every default in the table', () => {
    const covered = new Set(TABLE.map(([policy]) => policy));
    expect(POLICY_NAMES.filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe('default policy records', () => {
  it('lists exactly the expected names, once each', () => {
    expect(new Set(POLICY_NAMES).size).toBe(POLICY_NAMES.length);
    expect(POLICY_NAMES).toHaveLength(26);
    expect(isPolicyName('delete_deactivated_image')).toBe(true);
    expect(isPolicyName('copy_image')).toBe(false);
  });

  it('has parseable checks and a description for each', () => {
    for (const policy of POLICY_DEFAULTS) {
      expect(() => parseRule(policy.name, policy.check)).not.toThrow();
      expect(policy.description.length).toBeGreaterThan(0);
    }
  });

  it('keeps delete_deactivated_image open by default and names the guarded fields', () => {
    const byName = new Map(POLICY_DEFAULTS.map((policy) => [policy.name, policy]));
    expect(byName.get('delete_deactivated_image')?.check).toBe('');
    expect(byName.get('delete_image')?.operations).toEqual(['Mutation.deleteImage']);
    expect(byName.get('tasks_api_access')?.operations).toEqual(['Mutation.createTask', 'Query.task', 'Query.tasks', 'Mutation.purgeExpiredTasks']);
    expect(byName.get('get_image_location')?.operations).toEqual(['Image.locations', 'Image.directUrl']);
  });
});
