// graphql-js's `subscribe`, except that subscriptions given the same event to resolve with the same operation,
// variables and access key share one execution of it while it runs, whose result each of them sends. With the
// reads shared below it (domain/live/shared-reads.ts), one change heard by a thousand equal subscribers is read and
// resolved once, not a thousand times.
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { accessKeyOf } from '../domain/identity.js';
import { createSharedReads } from '../domain/live/shared-reads.js';
import type { GraphQLContext } from './context.js';

export type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/** A `subscribe` whose executions are shared among the subscriptions it started. */
export function createSharedSubscribe(): Subscribe {
  const share = createSharedReads();
  return async (args) => {
    const events = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in events)) return events;
    const { identity } = args.contextValue as GraphQLContext;
    const key = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? {}, identity && accessKeyOf(identity)]);
    // A delivery is the same object for every subscriber that shared its read, so it names the event here.
    return mapped(events[Symbol.asyncIterator](), (event) => share(event as object, key, async () => execute({ ...args, rootValue: event })));
  };
}

/** `source` with `map` applied to each value; ending it ends `source` at once, even while it waits for a value. */
function mapped<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R>): AsyncIterableIterator<R> {
  return {
    async next() {
      const result = await source.next();
      return result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
