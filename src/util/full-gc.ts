/**
 * Full garbage collections that hand the pages V8 no longer needs back to the system, through
 * the `gc` Node offers behind --expose-gc (`npm start` passes it). Started without the flag
 * (`npm run dev`, tests), this does nothing and returns false: V8's flags are not changed
 * while it runs, which Node's documentation warns can crash the process.
 *
 * Two collections with a pause between: the first frees the objects, but V8 keeps the old
 * space it grew to (after a 5,000-event burst 112 MB of heap for 45 MB in use); the second,
 * once the sweeper is done, finds those pages empty and returns them (84 MB). Each blocks the
 * event loop for tens of ms to about 150 ms: call it when nothing waits.
 */
export async function releaseHeap(pauseMs = 200): Promise<boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return false;
  gc();
  await new Promise((r) => setTimeout(r, pauseMs));
  gc();
  return true;
}
