// Work in progress (an upload, a task, the sweep) is owned through the database, never only in one process's
// memory: its row names the process doing it and until when. The owner renews that while it works; once it
// lapses (the process died), any process may take the work back.
import type { Logger } from 'pino';

/** One process's claim on the work it does: its id, and how long a claim lasts without renewal. */
export interface LeaseHolder {
  readonly owner: string;
  readonly seconds: number;
}

/** The columns of a row held by `holder` from now on. */
export function heldBy(holder: LeaseHolder, now = new Date()): { leaseOwner: string; leaseExpiresAt: Date } {
  return { leaseOwner: holder.owner, leaseExpiresAt: new Date(now.getTime() + holder.seconds * 1000) };
}

/** The columns of a row nobody holds. */
export const RELEASED = { leaseOwner: null, leaseExpiresAt: null } as const;

/** Rows whose lease lapsed by `now` (or that never had one: rows written before leases existed). */
export function lapsedBy(now: Date) {
  return { $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lt: now } }] };
}

export interface Renewal {
  stop(): void;
}

/**
 * Calls `renew` every third of the lease until stopped, so a claim survives two missed renewals. `renew` answers
 * whether the claim is still ours; when it is not (another process took the work back), `lost` is called once and
 * renewing stops.
 */
export function keepRenewing(holder: LeaseHolder, renew: () => Promise<boolean>, lost: () => void, logger?: Pick<Logger, 'error'>): Renewal {
  const timer = setInterval(() => {
    renew().then(
      (held) => {
        if (held) return;
        clearInterval(timer);
        lost();
      },
      // A renewal that fails (the database is away) is tried again at the next tick; the lease covers two misses.
      (error: unknown) => logger?.error({ err: error }, 'could not renew a work lease; trying again'),
    );
  }, (holder.seconds * 1000) / 3);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
