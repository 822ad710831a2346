import { describe, expect, it } from 'vitest';
import { timeOwnWork } from './answer-time.js';

// The timing used by bounds such as Lark's 3 s must still see slow code: waits and own CPU count.
describe('timing as on a machine of its own', () => {
  it('counts a wait for a timer in full', async () => {
    const { ms } = await timeOwnWork(() => new Promise((r) => setTimeout(r, 200)));
    // Less only the moments the thread waited for a CPU once the timer was due.
    expect(ms).toBeGreaterThanOrEqual(180);
  });

  it('counts the CPU the work itself burns', async () => {
    const { ms, wallMs } = await timeOwnWork(async () => {
      const cpu0 = process.cpuUsage();
      while (process.cpuUsage(cpu0).user < 150_000) Math.sqrt(Math.random());
    });
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(ms).toBeLessThanOrEqual(wallMs);
  });
});
