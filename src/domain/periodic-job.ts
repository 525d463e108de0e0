// Background work the server repeats on a timer (the expired-task sweep, taking back work whose process died).
import type { Logger } from 'pino';

export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  /** `work` runs every `intervalSeconds`; `what` names it in the log when it fails. */
  constructor(
    private readonly what: string,
    private readonly intervalSeconds: number,
    private readonly work: () => Promise<void>,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runNow(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** One run now; a run already under way is joined rather than doubled. Never throws (it logs). */
  runNow(): Promise<void> {
    this.running ??= this.work()
      .catch((error: unknown) => this.logger.error({ err: error }, `${this.what} failed; will retry at the next interval`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
