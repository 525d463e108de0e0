// Bearer tokens already verified, so a client that sends the same token on every request pays for one signature
// check rather than one per request. Bounded (the oldest entry goes first), and an entry is dropped at its token's
// expiry: from then on the token is verified afresh, and refused as expired.
import type { Identity } from '../domain/identity.js';

interface Entry {
  identity: Identity;
  /** The token's exp, in milliseconds since the epoch. */
  expiresAt: number;
}

export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The identity a still-valid verified token carries, or undefined when it must be verified. */
  get(token: string): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (this.now() >= entry.expiresAt) return undefined;
    // Put back as the newest: the tokens in use stay, the ones not sent for a while go first.
    this.entries.set(token, entry);
    return entry.identity;
  }

  /** Remembers a token that passed every check, with its exp (seconds since the epoch, as the claim holds it). */
  remember(token: string, identity: Identity, exp: number): void {
    this.entries.delete(token);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { identity, expiresAt: exp * 1000 });
  }
}
