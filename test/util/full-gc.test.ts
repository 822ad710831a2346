import { expect, it } from 'vitest';
import { releaseHeap } from '../../src/util/full-gc.js';

it('after a burst of short-lived objects, releaseHeap gives the heap V8 grew to back', async () => {
  let keep: unknown[][] = [];
  for (let r = 0; r < 150; r++) {
    keep.push(Array.from({ length: 20_000 }, (_, i) => ({ i, s: `x${i}`, o: { k: [i, i] } })));
    if (keep.length > 30) keep.shift();
  }
  keep = [];
  const grown = process.memoryUsage().heapTotal;
  await releaseHeap();
  const after = process.memoryUsage().heapTotal;
  expect(after, `heap ${grown >> 20} MB -> ${after >> 20} MB`).toBeLessThan(grown - 50 * 2 ** 20);
});
