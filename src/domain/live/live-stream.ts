// One subscription's events, turned into what it delivers, one at a time and in order.
import type { ChangeBus, ChangeEvent } from './change-events.js';

/** What one event becomes: a value to deliver (none: skip the event), and whether it is the subscription's last. */
export interface Step<D> {
  value?: D;
  last?: boolean;
}

export interface LiveStreamOptions<E extends ChangeEvent, D> {
  bus: ChangeBus;
  accepts(event: ChangeEvent): event is E;
  deliver(event: E): Promise<Step<D>>;
  /** Events the stream may hold undelivered; a subscriber that falls further behind is dropped. */
  maxPending: number;
  /** Called when the subscriber has fallen `maxPending` events behind; the stream has ended by then. */
  onOverflow(): void;
}

/**
 * Listens from the moment it is made, so nothing published after the subscriber's first read is missed. Written
 * by hand rather than as an async generator: a generator waiting for the next event cannot be ended until that
 * event comes, and a subscription that was left must stop listening at once.
 */
export class LiveStream<E extends ChangeEvent, D> implements AsyncIterableIterator<D> {
  private readonly steps: Array<E | Step<D>> = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private readonly stopListening: () => void;

  constructor(private readonly options: LiveStreamOptions<E, D>) {
    this.stopListening = options.bus.subscribe((event) => {
      if (this.ended || !options.accepts(event)) return;
      if (this.steps.length >= options.maxPending) {
        this.end();
        return options.onOverflow();
      }
      this.steps.push(event);
      this.wake?.();
    });
  }

  /** Delivers `step` before any event still to come. */
  begin(step: Step<D>): this {
    this.steps.unshift(step);
    return this;
  }

  async next(): Promise<IteratorResult<D, undefined>> {
    while (!this.ended) {
      const next = this.steps.shift();
      if (!next) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const step = 'subject' in next ? await this.options.deliver(next) : next;
      if (step.last) this.end();
      if (step.value !== undefined) return { value: step.value, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<D, undefined>> {
    this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopListening();
    this.steps.length = 0;
    this.wake?.();
  }
}
