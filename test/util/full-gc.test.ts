import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { releaseHeap } from '../../src/util/full-gc.js';
import { startNodeFlags } from '../../scripts/start-flags.js';

const run = promisify(execFile);
const child = (flags: string[]) =>
  run(process.execPath, [...flags, '--import', 'tsx', join(__dirname, 'full-gc-child.ts')], { cwd: join(__dirname, '../..') }).then(
    (r) => JSON.parse(r.stdout.trim()) as { grown: number; grownNewSpace: number; after: number; released: boolean },
  );

it('with the flags npm start passes (--expose-gc), releaseHeap gives back the heap V8 grew to after a burst', async () => {
  const r = await child(startNodeFlags());
  expect(r.released).toBe(true);
  expect(r.after, `heap ${r.grown >> 20} MB -> ${r.after >> 20} MB`).toBeLessThan(r.grown - 50 * 2 ** 20);
}, 60_000);

it('without the flag it does nothing and says so, changing no V8 flag at run time', async () => {
  expect(await releaseHeap(0)).toBe(false);
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
});

/**
 * V8 lets its young generation grow to 32 MB under load and keeps it however idle the process
 * is afterwards (a full collection does not always shrink it): in bench:steady the bot idled at
 * 16 MB more than the stack floor for that alone. npm start caps it at 16 MB (two 8 MB halves).
 */
it('npm start caps the young generation at 16 MB, which a burst fills without the cap', async () => {
  const capped = await child(startNodeFlags());
  const uncapped = await child(startNodeFlags().filter((f) => !f.startsWith('--max-semi-space-size')));
  expect(capped.grownNewSpace).toBeLessThanOrEqual(16 * 2 ** 20);
  expect(uncapped.grownNewSpace).toBeGreaterThan(16 * 2 ** 20);
}, 60_000);
