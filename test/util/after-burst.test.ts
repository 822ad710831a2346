import { afterEach, describe, expect, it } from 'vitest';
import { AfterBurst } from '../../src/util/after-burst.js';

let watch: AfterBurst | undefined;
afterEach(() => watch?.stop());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('AfterBurst: memory is handed back once after a burst, never during one or after a trickle', () => {
  it('a burst is followed by one release once the work has stopped for the quiet time', async () => {
    let releases = 0;
    watch = new AfterBurst({ quietMs: 80, minWork: 5, release: async () => void releases++ });
    for (let i = 0; i < 5; i++) watch.touch();
    await sleep(40);
    expect(releases, 'not while the work may go on').toBe(0);
    await sleep(200);
    expect(releases).toBe(1);
    await sleep(200);
    expect(releases, 'once per burst').toBe(1);
  });

  it('work that keeps coming holds the release back', async () => {
    let releases = 0;
    watch = new AfterBurst({ quietMs: 80, minWork: 5, release: async () => void releases++ });
    for (let i = 0; i < 12; i++) {
      watch.touch();
      await sleep(20);
    }
    expect(releases).toBe(0);
    await sleep(200);
    expect(releases).toBe(1);
  });

  it('a trickle below the burst size releases nothing', async () => {
    let releases = 0;
    watch = new AfterBurst({ quietMs: 30, minWork: 5, release: async () => void releases++ });
    for (let i = 0; i < 4; i++) watch.touch();
    await sleep(150);
    expect(releases).toBe(0);
  });

  it('a failed release is reported and the next burst tries again', async () => {
    const errors: string[] = [];
    let tries = 0;
    watch = new AfterBurst({ quietMs: 30, minWork: 1, release: async () => { tries++; throw new Error('busy'); }, onError: (e) => errors.push(e.message) });
    watch.touch();
    await sleep(120);
    watch.touch();
    await sleep(120);
    expect(tries).toBe(2);
    expect(errors).toEqual(['busy', 'busy']);
  });
});
