import { expect, it } from 'vitest';
import { sleeper } from '../../src/util/in-order.js';

const timed = async (p: Promise<void>) => {
  const t0 = performance.now();
  await p;
  return performance.now() - t0;
};

it('a wake ends the sleep in progress', async () => {
  const s = sleeper();
  const slept = s.sleep(5_000);
  setTimeout(() => s.wake(), 10);
  expect(await timed(slept)).toBeLessThan(1_000);
});

// A worker looks for work, finds none, and goes to sleep: work that arrives in between must
// not wait for the whole poll interval.
it('a wake while awake ends the next sleep at once, and only that one', async () => {
  const s = sleeper();
  s.wake();
  expect(await timed(s.sleep(5_000))).toBeLessThan(1_000);
  expect(await timed(s.sleep(50))).toBeGreaterThanOrEqual(40);
});
