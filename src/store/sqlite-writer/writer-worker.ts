// The writer thread (writer-thread.ts): its own connection to the database file, one request
// at a time, answered with the result or the error's name, code and message.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { openRaw } from '../raw-sqlite.js';
import { writerOps, type WriterOp } from './writer-ops.js';

const { path, busyTimeoutMs, autoCheckpointPages } = workerData as { path: string; busyTimeoutMs: number; autoCheckpointPages: number };
const raw = openRaw(path, busyTimeoutMs);
// SQLite's own checkpoints in commits: none while the checkpoint thread runs (wal-checkpointer.ts).
raw.pragma(`wal_autocheckpoint = ${Math.floor(autoCheckpointPages)}`);
const ops = writerOps(raw);
const port = parentPort!;

port.on('message', async (m: { id: number; op: WriterOp | 'close'; args: unknown[] }) => {
  if (m.op === 'close') {
    // After the answers to the requests before it have gone out.
    setImmediate(() => {
      raw.close();
      port.close();
    });
    return;
  }
  const start = performance.now();
  try {
    const run = ops[m.op] as (...args: unknown[]) => Promise<unknown>;
    const ok = await run(...m.args);
    port.postMessage({ id: m.id, ok, ms: performance.now() - start });
  } catch (e) {
    const err = e as Error & { code?: unknown };
    port.postMessage({ id: m.id, error: { name: err.name, message: err.message, code: typeof err.code === 'string' ? err.code : undefined }, ms: performance.now() - start });
  }
});
port.postMessage({ ready: true });
