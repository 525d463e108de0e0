import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../../src/domain/identity.js';

describe('createIdentity', () => {
  it('adds the roles Keystone implies and lower-cases them', () => {
    expect(createIdentity('u', 'p', ['Admin']).roles).toEqual(['admin', 'member', 'reader']);
    expect(createIdentity('u', 'p', ['member']).roles).toEqual(['member', 'reader']);
    expect(createIdentity('u', 'p', ['reader', 'observer']).roles).toEqual(['observer', 'reader']);
  });

  it('marks admins', () => {
    expect(createIdentity('u', null, ['admin']).isAdmin).toBe(true);
    expect(createIdentity('u', null, ['member']).isAdmin).toBe(false);
  });
});
