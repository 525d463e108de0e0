import { describe, expect, it } from 'vitest';
import { createIdentity } from '../../../src/domain/identity.js';
import { VerifiedTokens } from '../../../src/http/verified-tokens.js';

const alice = createIdentity('alice', 'project-a', ['member']);
const bob = createIdentity('bob', 'project-b', ['reader']);

describe('verified-token cache', () => {
  it('answers a remembered token with its identity until the token expires, then asks for it to be verified again', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('token-a', alice, 1_060);

    expect(tokens.get('token-a')).toBe(alice);
    now = 1_059_999;
    expect(tokens.get('token-a')).toBe(alice);
    now = 1_060_000;
    expect(tokens.get('token-a')).toBeUndefined();
    now = 1_000_000;
    expect(tokens.get('token-a')).toBeUndefined();
    expect(tokens.get('never-seen')).toBeUndefined();
  });

  it('holds at most its capacity, dropping the token sent longest ago', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('token-a', alice, 60);
    tokens.remember('token-b', bob, 60);
    tokens.get('token-a');
    tokens.remember('token-c', bob, 60);

    expect(tokens.get('token-b')).toBeUndefined();
    expect(tokens.get('token-a')).toBe(alice);
    expect(tokens.get('token-c')).toBe(bob);
  });
});
