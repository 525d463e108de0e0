// A lease on a named piece of work at most one process may do at a time, held in the database so that every
// process of the service, on any host, sees it.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { NamedLease, type EntityManager } from '../persistence/index.js';
import type { LeaseHolder } from './work-lease.js';

/**
 * Takes (or renews) the lease `name` for `holder` unless another process holds it unexpired. Answers whether
 * `holder` holds it now.
 */
export async function acquireNamedLease(em: EntityManager, name: string, holder: LeaseHolder, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + holder.seconds * 1000);
  const free = { name, $or: [{ owner: holder.owner }, { expiresAt: { $lt: now } }] };
  if ((await em.nativeUpdate(NamedLease, free, { owner: holder.owner, expiresAt })) > 0) return true;
  try {
    await em.insert(NamedLease, { name, owner: holder.owner, expiresAt });
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false; // held by another process
    throw error;
  }
}

/** Lets the lease go at once, so the next process need not wait for it to lapse. */
export async function releaseNamedLease(em: EntityManager, name: string, holder: LeaseHolder): Promise<void> {
  await em.nativeDelete(NamedLease, { name, owner: holder.owner });
}
