// Changes are published only once the transaction that wrote them has committed (and never when it rolls back),
// so a subscriber that reads the object on hearing of it always finds the change.
import type { EventSubscriber, Transaction, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager, Orm } from '../../persistence/index.js';
import type { ChangeBus, ChangeEvent } from './change-events.js';

/** Holds each open transaction's changes until it ends, and publishes those of the ones that commit. */
class AfterCommitPublisher implements EventSubscriber {
  private readonly pending = new WeakMap<Transaction, ChangeEvent[]>();

  constructor(private readonly bus: ChangeBus) {}

  record(transaction: Transaction | undefined, event: ChangeEvent): void {
    if (!transaction) return this.bus.publish(event); // a statement outside a transaction commits as it runs
    const root = rootOf(transaction);
    const events = this.pending.get(root) ?? [];
    events.push(event);
    this.pending.set(root, events);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (!transaction) return;
    const events = this.pending.get(transaction) ?? [];
    this.pending.delete(transaction);
    events.forEach((event) => this.bus.publish(event));
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    if (transaction) this.pending.delete(transaction);
  }
}

/**
 * From now on, the changes recorded on this database's entity managers go to `bus`. The publisher is found again
 * among the event manager's subscribers, which every fork shares or (a transaction's fork) copies.
 */
export function publishChanges(orm: Orm, bus: ChangeBus): void {
  orm.em.getEventManager().registerSubscriber(new AfterCommitPublisher(bus));
}

/** Publishes `event` when `em`'s transaction commits, or now outside one. A database without a feed (the CLI's) drops it. */
export function recordChange(em: EntityManager, event: ChangeEvent): void {
  const publisher = [...em.getEventManager().getSubscribers()].find((subscriber) => subscriber instanceof AfterCommitPublisher);
  publisher?.record(em.getTransactionContext(), event);
}

/**
 * A nested transaction (a savepoint) commits with its outermost one, the only one MikroORM reports. Its knex
 * transaction points to its parent through a symbol MikroORM does not export, hence the lookup by description.
 */
function rootOf(transaction: Transaction): Transaction {
  const record = transaction as unknown as Record<symbol, Transaction | undefined>;
  const parent = Object.getOwnPropertySymbols(record).find((symbol) => symbol.description === 'parentTransaction');
  const outer = parent && record[parent];
  return outer ? rootOf(outer) : transaction;
}
