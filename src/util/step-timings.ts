import { performance } from 'node:perf_hooks';

/**
 * Opt-in timings of the steps a request goes through (verify, inbox, handler, store, answer),
 * for bench:cases to show where a card callback's time goes. Off unless a sink is set; then a
 * step costs two clock reads. Async steps count until they settle, waits included: that is
 * what the caller waits for.
 */
export type StepSink = (step: string, ms: number) => void;

let sink: StepSink | undefined;

export function recordStepsTo(s: StepSink | undefined): void {
  sink = s;
}

export function timeStep<T>(step: string, run: () => T): T {
  if (!sink) return run();
  const start = performance.now();
  const out = run();
  if (out instanceof Promise) {
    return out.finally(() => sink?.(step, performance.now() - start)) as T;
  }
  sink(step, performance.now() - start);
  return out;
}
