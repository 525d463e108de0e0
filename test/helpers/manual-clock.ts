// A clock that stands still until the test moves it, for rules measured in hours (task expiry).
import type { Clock } from '../../src/domain/clock.js';

export class ManualClock implements Clock {
  private current: Date;

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance({ hours = 0, ms = 0 }: { hours?: number; ms?: number }): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000 + ms);
  }
}
