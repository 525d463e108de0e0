// The server's notion of "now". Expiry rules read it instead of `new Date()` so tests can move time forward
// without waiting.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
