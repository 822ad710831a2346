/**
 * Turns at one resource, first come first served: `take()` resolves when every earlier taker
 * has called its `done`. A free resource is taken without waiting for another tick.
 */
export class Turns {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  take(): Promise<() => void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve(this.doneOnce());
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.doneOnce())));
  }

  private doneOnce(): () => void {
    let called = false;
    return () => {
      if (called) return;
      called = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    };
  }
}
