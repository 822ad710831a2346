import { readFileSync } from 'node:fs';

/**
 * Milliseconds this thread has spent runnable but waiting for a CPU (Linux schedstat's
 * run-queue wait; 0 where the kernel does not say). On a shared machine, other processes'
 * load shows up here, not in the work the code under test did or waited for.
 */
export function cpuWaitMs(): number {
  try {
    const [, waitNs] = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(/\s+/);
    return Number(waitNs) / 1e6 || 0;
  } catch {
    return 0;
  }
}

/**
 * Times `fn` as a machine of its own would: wall time less this thread's wait for a CPU
 * meanwhile. Everything the code does (its CPU, the work of requests running beside it, its
 * waits for timers, locks and sockets) still counts, so a slow path still fails a bound; what
 * no longer counts is other processes' load (other test files, other builds) on a small machine.
 */
export async function timeOwnWork<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; wallMs: number }> {
  const wait0 = cpuWaitMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  return { value, wallMs, ms: Math.max(0, wallMs - (cpuWaitMs() - wait0)) };
}
