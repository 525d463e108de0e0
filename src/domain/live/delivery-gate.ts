// Bounds how many deliveries read the database at once across all of a process's subscribers: one change heard by
// thousands would otherwise queue thousands of reads on the connection pool at the same instant, whose waiting
// list then costs more than the reads.

/** Deliveries reading at once in one process. */
export const CONCURRENT_DELIVERIES = 16;

export type DeliveryGate = <T>(read: () => Promise<T>) => Promise<T>;

export function createDeliveryGate(limit = CONCURRENT_DELIVERIES): DeliveryGate {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (read) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await read();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
