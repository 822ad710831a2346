/**
 * Runs `release` once the bot has been quiet for `quietMs` after a burst of at least `minWork`
 * units of work (events taken, Open API calls made). A burst leaves memory behind that nothing
 * gives back while the process idles: V8 keeps the heap it grew to until the next collection,
 * which an idle process does not reach, and SQLite keeps the pages it cached. A trickle of
 * work never adds up to a burst, so a quiet office day pays nothing for this.
 */
export class AfterBurst {
  private work = 0;
  private lastWork = 0;
  private readonly timer: NodeJS.Timeout;
  private running = false;

  constructor(private readonly o: { quietMs: number; minWork: number; release: () => Promise<void>; onError?: (e: Error) => void; now?: () => number }) {
    this.timer = setInterval(() => void this.check(), Math.max(10, Math.floor(o.quietMs / 4)));
    this.timer.unref();
  }

  /** One unit of work happened now. */
  touch(): void {
    this.work++;
    this.lastWork = this.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  private async check(): Promise<void> {
    if (this.running || this.work < this.o.minWork || this.now() - this.lastWork < this.o.quietMs) return;
    this.running = true;
    this.work = 0;
    try {
      await this.o.release();
    } catch (e) {
      this.o.onError?.(e as Error);
    } finally {
      this.running = false;
    }
  }
}
