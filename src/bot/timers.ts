/**
 * Delayed work of one running bot, by key: scheduling a key again replaces its timer, and
 * `clear` (called by `Bot.stop`) drops every timer still waiting.
 */
export class Timers {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  /** Runs `work` after `delayMs` unless the same key is scheduled again meanwhile. */
  debounce(key: string, delayMs: number, work: () => void): void {
    clearTimeout(this.pending.get(key));
    const timer = setTimeout(() => {
      this.pending.delete(key);
      work();
    }, delayMs);
    timer.unref();
    this.pending.set(key, timer);
  }

  clear(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
