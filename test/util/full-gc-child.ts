// Run by full-gc.test.ts in a process of its own: grows the heap with short-lived objects, then
// releases it, and prints the heap before and after.
import { getHeapSpaceStatistics } from 'node:v8';
import { releaseHeap } from '../../src/util/full-gc.js';

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;

let keep: unknown[][] = [];
for (let r = 0; r < 150; r++) {
  keep.push(Array.from({ length: 20_000 }, (_, i) => ({ i, s: `x${i}`, o: { k: [i, i] } })));
  if (keep.length > 30) keep.shift();
}
keep = [];
const grown = process.memoryUsage().heapTotal;
const grownNewSpace = newSpace();
const released = await releaseHeap();
console.log(JSON.stringify({ grown, grownNewSpace, after: process.memoryUsage().heapTotal, released }));
