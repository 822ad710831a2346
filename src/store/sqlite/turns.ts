/**
 * Turns at one resource, first come first served, with one exception: a taker marked `ahead`
 * (someone waiting on an HTTP answer) goes before those already waiting, after earlier `ahead`
 * takers. A free resource is taken without waiting for another tick.
 *
 * The turn is handed on through the event loop (setImmediate), not in the same tick: the work
 * waiting for it is synchronous (SQLite), and handed on promise after promise it would run as
 * one long task in which the server reads no request. Between two turns, requests are read.
 */
export class Turns {
  private busy = false;
  private readonly ahead: Array<() => void> = [];
  private readonly waiting: Array<() => void> = [];

  take(ahead = false): Promise<() => void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve(this.doneOnce());
    }
    return new Promise((resolve) => (ahead ? this.ahead : this.waiting).push(() => resolve(this.doneOnce())));
  }

  private doneOnce(): () => void {
    let called = false;
    return () => {
      if (called) return;
      called = true;
      // The next taker is chosen when the handed-on turn arrives: an `ahead` taker that came meanwhile goes first.
      setImmediate(() => {
        const next = this.ahead.shift() ?? this.waiting.shift();
        if (next) next();
        else this.busy = false;
      });
    };
  }
}
