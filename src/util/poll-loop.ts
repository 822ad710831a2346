import type { Logger } from '../logger.js';
import { sleeper } from './in-order.js';

/**
 * Runs `runOnce` again and again: at once while it finds work, otherwise after `pollMs`
 * or when woken. `stop` lets the batch in hand finish.
 */
export class PollLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly idle = sleeper();

  constructor(private readonly options: { name: string; pollMs: number; log: Logger; runOnce: () => Promise<number> }) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.idle.wake();
    await this.loop;
  }

  wake(): void {
    this.idle.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.options.runOnce();
      } catch (e) {
        this.options.log.error({ err: (e as Error).message }, `${this.options.name} batch failed`);
      }
      if (this.running && handled === 0) await this.idle.sleep(this.options.pollMs);
    }
  }
}
