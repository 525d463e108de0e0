import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidInputError } from '../../../src/domain/errors.js';
import { createIdentity } from '../../../src/domain/identity.js';
import { assertMayChangeMembers, assertMemberId, type MemberChange } from '../../../src/domain/members/member-rules.js';
import type { Image } from '../../../src/persistence/index.js';

const owner = createIdentity('alice', 'project-a', ['member']);
const member = createIdentity('bob', 'project-b', ['member']);
const admin = createIdentity('root', 'admin-project', ['admin']);
const image = (visibility: string, imageOwner: string | null = 'project-a') => ({ id: 'img', visibility, owner: imageOwner }) as Image;

describe('assertMayChangeMembers', () => {
  it.each(['add', 'update', 'remove'] as MemberChange[])('refuses to %s members of an image that is not SHARED, even for admins', (change) => {
    for (const visibility of ['private', 'public', 'community']) {
      expect(() => assertMayChangeMembers(admin, image(visibility), change)).toThrow(ForbiddenError);
    }
  });

  it('lets only the owner’s project add and remove members', () => {
    expect(() => assertMayChangeMembers(owner, image('shared'), 'add')).not.toThrow();
    expect(() => assertMayChangeMembers(owner, image('shared'), 'remove')).not.toThrow();
    expect(() => assertMayChangeMembers(member, image('shared'), 'add')).toThrow(/only the project that owns/);
    expect(() => assertMayChangeMembers(member, image('shared'), 'remove')).toThrow(/only the project that owns/);
  });

  it('lets anyone but the owner’s project answer (which member row they may answer for is decided by the lookup)', () => {
    expect(() => assertMayChangeMembers(member, image('shared'), 'update')).not.toThrow();
    expect(() => assertMayChangeMembers(owner, image('shared'), 'update')).toThrow(/owner cannot answer/);
  });

  it('does not treat a project-less caller as the owner of an ownerless image', () => {
    const projectless = createIdentity('svc', null, ['member']);
    expect(() => assertMayChangeMembers(projectless, image('shared', null), 'add')).toThrow(ForbiddenError);
    expect(() => assertMayChangeMembers(projectless, image('shared', null), 'update')).not.toThrow();
  });

  it('exempts admins from the ownership rules', () => {
    for (const change of ['add', 'update', 'remove'] as MemberChange[]) {
      expect(() => assertMayChangeMembers(admin, image('shared'), change)).not.toThrow();
    }
  });
});

describe('assertMemberId', () => {
  it('wants a project id of 1 to 255 characters', () => {
    expect(() => assertMemberId('project-b')).not.toThrow();
    expect(() => assertMemberId('')).toThrow(InvalidInputError);
    expect(() => assertMemberId('  ')).toThrow(InvalidInputError);
    expect(() => assertMemberId('p'.repeat(256))).toThrow(/255/);
  });
});
