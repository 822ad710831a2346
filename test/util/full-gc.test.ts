import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { releaseHeap } from '../../src/util/full-gc.js';

const run = promisify(execFile);
const child = (flags: string[]) =>
  run(process.execPath, [...flags, '--import', 'tsx', join(__dirname, 'full-gc-child.ts')], { cwd: join(__dirname, '../..') }).then(
    (r) => JSON.parse(r.stdout.trim()) as { grown: number; after: number; released: boolean },
  );

it('with --expose-gc (as npm start runs), releaseHeap gives back the heap V8 grew to after a burst', async () => {
  const r = await child(['--expose-gc']);
  expect(r.released).toBe(true);
  expect(r.after, `heap ${r.grown >> 20} MB -> ${r.after >> 20} MB`).toBeLessThan(r.grown - 50 * 2 ** 20);
}, 60_000);

it('without the flag it does nothing and says so, changing no V8 flag at run time', async () => {
  expect(await releaseHeap(0)).toBe(false);
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
});
