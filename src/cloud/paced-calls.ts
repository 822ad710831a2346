import { LarkApiError, RATE_LIMIT_CODES } from '../transport/lark-api.js';

/**
 * docx allows 3 calls a second per app (HTTP 400, code 99991400 beyond) and 3 edits a second
 * per document (HTTP 429): calls through one Pacer keep that pace, and a rate-limit answer is
 * tried again here after a pause, so a year's document is not left half-written for the
 * outbox's next round. Anything else goes back to the outbox as it came.
 */
/** A little over a third of a second: requests reach Lark with some jitter, and the limit counts arrivals. */
export const DOCX_GAP_MS = 400;

const isRateLimit = (e: unknown) => e instanceof LarkApiError && (e.info.httpStatus === 429 || (e.info.code !== undefined && RATE_LIMIT_CODES.has(e.info.code)));

export class Pacer {
  private last = 0;

  constructor(private readonly o: { gapMs: number; tries?: number; sleep?: (ms: number) => Promise<void> }) {}

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt++) {
      const wait = this.last + this.o.gapMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.last = Date.now();
      try {
        return await fn();
      } catch (e) {
        if (!isRateLimit(e) || attempt >= (this.o.tries ?? 5)) throw e;
        await sleep(this.o.gapMs * 2 ** attempt);
      }
    }
  }
}
