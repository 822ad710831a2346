import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/**
 * What a benchmark phase cost: CPU time per request, the event loop's delay (how long a ready callback waited,
 * sampled every 1 ms: a long synchronous stretch such as a WAL checkpoint or a GC pause shows
 * at its p99 and max), and with BENCH_CPU_PROFILE=<file> a CPU profile of the phase, to open in
 * Chrome DevTools or speedscope and see where the time went.
 */
export interface Probe {
  /** The phase's line, given how many requests it served (CPU time is per request). */
  stop(requests: number): Promise<string>;
}

export async function probe(name: string, profile = process.env.BENCH_CPU_PROFILE): Promise<Probe> {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  let session: Session | undefined;
  if (profile) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  // Garbage collection pauses stop the event loop too: their count, sum and longest.
  const gc = { count: 0, ms: 0, max: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
      gc.max = Math.max(gc.max, e.duration);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  delay.enable();
  const cpu = process.cpuUsage();
  return {
    async stop(requests) {
      delay.disable();
      gcObserver.disconnect();
      // CPU time of the whole process (client, server, threads): unlike latencies, hardly moved
      // by other processes on a busy machine.
      const used = process.cpuUsage(cpu);
      if (session && profile) {
        const { profile: p } = await session.post('Profiler.stop');
        writeFileSync(profile, JSON.stringify(p));
        session.disconnect();
      }
      const ms = (ns: number) => (ns / 1e6).toFixed(1).padStart(6);
      return `  ${name.padEnd(12)} CPU ${((used.user + used.system) / 1000 / requests).toFixed(2).padStart(5)} ms per request;  ` +
        `event-loop delay p50 ${ms(delay.percentile(50))} ms  p99 ${ms(delay.percentile(99))} ms  max ${ms(delay.max)} ms;  ` +
        `GC ${(gc.ms / requests).toFixed(2)} ms per request, longest pause ${gc.max.toFixed(1)} ms` +
        (session ? `  (CPU profile: ${profile})` : '');
    },
  };
}
