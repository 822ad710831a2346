import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets pending I/O (new HTTP requests) run. SQLite calls complete synchronously, so a worker
 * awaiting only database promises would otherwise never give the event loop back.
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

/**
 * Runs `fn` over items grouped by key: groups side by side, items of one group one after
 * another in the given order. `fn` returns false to stop its group (later items wait).
 */
export async function runGroupedInOrder<T>(items: T[], keyOf: (item: T) => string, fn: (item: T) => Promise<boolean>): Promise<void> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const item of group) {
        await yieldToEventLoop();
        if (!(await fn(item))) break;
      }
    }),
  );
}

/**
 * A sleep that `wake` ends early (a worker told there is new work, or told to stop). A wake
 * that comes while the worker is not asleep (between its look for work and its next sleep) is
 * kept: that next sleep ends at once, so the news is not lost until the poll interval.
 */
export function sleeper(): { sleep(ms: number): Promise<void>; wake(): void } {
  let wakeUp: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let woken = false;
  return {
    sleep(ms) {
      if (woken) {
        woken = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(() => {
          wakeUp = undefined;
          resolve();
        }, ms);
      });
    },
    wake() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const w = wakeUp;
      wakeUp = undefined;
      if (w) w();
      else woken = true;
    },
  };
}
