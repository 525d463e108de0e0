// One change is often heard by many subscribers that would read it identically (the same caller, or callers the
// policies cannot tell apart, on many connections). Their deliveries of one event share a single read while that
// read runs: each subscriber's check still happens between hearing the event and delivering it, with its
// permissions as they are then; a subscriber that comes to the event after the read has ended reads it again.

export type SharedReads = <T>(event: object, key: string, read: () => Promise<T>) => Promise<T>;

export function createSharedReads(): SharedReads {
  const running = new WeakMap<object, Map<string, Promise<unknown>>>();
  return <T>(event: object, key: string, read: () => Promise<T>) => {
    let reads = running.get(event);
    if (!reads) running.set(event, (reads = new Map()));
    const joined = reads.get(key) as Promise<T> | undefined;
    if (joined) return joined;
    const started = read().finally(() => reads.delete(key));
    reads.set(key, started);
    return started;
  };
}
