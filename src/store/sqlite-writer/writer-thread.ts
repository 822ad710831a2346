import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../errors.js';
import type { RawDb } from '../raw-sqlite.js';
import { writerOps, type WriterOp, type WriterOps } from './writer-ops.js';

/**
 * SQLite's writes on a thread of their own. better-sqlite3 answers synchronously, so every
 * statement runs on the thread that calls it: on the event loop, a report submission's three
 * commits (the inbox row, the case, the stored answer) took about a quarter of its time there,
 * and every request behind it waited for them too. The writer thread has its own connection
 * and does every write of the inbox and outbox and the storing of new cases, one request at a
 * time, in the order sent; meanwhile the event loop answers other requests, and the machine's
 * second core does the writing. Reads stay on the event loop's connections (they wait for no
 * lock, and most cost less than a round trip to the thread).
 *
 * The thread starts with the first write and ends when memory is handed back after a burst
 * (`release`). If it cannot start (three times in a row), the writes go back to the event
 * loop's connection: the same statements (writer-ops.ts), only on the event loop again.
 */
export interface SqliteWriter {
  run<K extends WriterOp>(op: K, ...args: Parameters<WriterOps[K]>): ReturnType<WriterOps[K]>;
  /** Ends the thread once its requests are answered (its memory goes back to the system); the next write starts it again. */
  release(): Promise<void>;
  close(): Promise<void>;
  /** Whether the thread is running, and whether the writes went back to the event loop. */
  readonly running: boolean;
  readonly onEventLoop: boolean;
  /** Requests answered by the thread and the time it spent on them (for benchmarks). */
  stats(): { requests: number; busyMs: number };
}

interface Request {
  op: WriterOp;
  args: unknown[];
  /** The thread it was sent to. */
  to?: Worker;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Reply {
  id?: number;
  ok?: unknown;
  error?: { name: string; message: string; code?: string };
  /** The thread's time on the request. */
  ms?: number;
  ready?: true;
}

const MAX_FAILURES = 3;

/** Under the TypeScript sources (tests, tsx) the thread compiles them as it loads them; dist/ has JavaScript. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const THREAD_FILE = new URL(FROM_SOURCE ? './writer-boot.cjs' : './writer-worker.js', import.meta.url);
const THREAD_ENTRY = FROM_SOURCE ? fileURLToPath(new URL('./writer-worker.ts', import.meta.url)) : undefined;

/** How long a thread asked to close may take to answer what it was sent before it is ended. */
const STOP_WAIT_MS = 10_000;

export function startSqliteWriter(
  path: string,
  o: { busyTimeoutMs: number; eventLoopConnection: RawDb; onGiveUp?: (e: Error) => void; threadFile?: URL; stopWaitMs?: number },
): SqliteWriter {
  let worker: Worker | undefined;
  let nextId = 1;
  /** Sent and not answered, by id. */
  const pending = new Map<number, Request>();
  let failures = 0;
  let local: WriterOps | undefined;
  let closed = false;
  const counts = { requests: 0, busyMs: 0 };
  /** SQLite's own checkpoints on the thread's connection: none while the checkpoint thread runs. */
  let autoCheckpointPages = 0;

  const runLocally = (r: Request) => {
    (local![r.op] as (...a: unknown[]) => Promise<unknown>)(...r.args).then(r.resolve, r.reject);
  };

  const start = (): Worker => {
    let ready = false;
    const w = new Worker(o.threadFile ?? THREAD_FILE, {
      workerData: { path, busyTimeoutMs: o.busyTimeoutMs, autoCheckpointPages, entry: THREAD_ENTRY },
      // Requests are small: a young generation of 2 MB keeps the thread's memory small.
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
    w.unref();
    w.on('message', (m: Reply) => {
      if (m.ready) {
        ready = true;
        failures = 0;
        return;
      }
      const r = pending.get(m.id!);
      if (!r) return;
      pending.delete(m.id!);
      counts.requests++;
      counts.busyMs += m.ms ?? 0;
      if (m.error) r.reject(errorOf(m.error));
      else r.resolve(m.ok);
    });
    const gone = (e: Error) => {
      if (worker !== w) return;
      worker = undefined;
      const waiting = takeSentTo(w);
      if (ready) {
        // It may have written some of what it was asked before it ended: those requests fail
        // (the callers' own retries decide), and are not done a second time here.
        for (const [, r] of waiting) r.reject(e);
        return;
      }
      // It never started, so it did none of them: they go to a new thread or, after
      // MAX_FAILURES starts in a row, to the event loop's connection.
      if (++failures >= MAX_FAILURES && !local) {
        local = writerOps(o.eventLoopConnection);
        o.onGiveUp?.(e);
      }
      for (const [id, r] of waiting) {
        if (local) runLocally(r);
        else send(id, r);
      }
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`the writer thread ended (exit code ${code})`)));
    return w;
  };

  const send = (id: number, r: Request) => {
    worker ??= start();
    r.to = worker;
    pending.set(id, r);
    worker.postMessage({ id, op: r.op, args: r.args });
  };

  /** The requests sent to `w` and not answered, taken out of `pending`. */
  const takeSentTo = (w: Worker): Array<[number, Request]> => {
    const out = [...pending.entries()].filter(([, r]) => r.to === w);
    for (const [id] of out) pending.delete(id);
    return out;
  };

  const run = (op: WriterOp, ...args: unknown[]): Promise<unknown> => {
    if (closed) return Promise.reject(new Error('the database is closed'));
    // A thread started later keeps it too.
    if (op === 'walAutoCheckpoint') autoCheckpointPages = args[0] as number;
    return new Promise((resolve, reject) => {
      const r: Request = { op, args, resolve, reject };
      if (local) runLocally(r);
      else send(nextId++, r);
    });
  };

  const stop = async (): Promise<void> => {
    const w = worker;
    if (!w) return;
    worker = undefined;
    const exited = once(w, 'exit');
    // After every request sent before it: the thread answers those first. One that does not
    // end in time (stuck in SQLite) is ended, and what it was not done with fails.
    w.postMessage({ op: 'close' });
    const late = setTimeout(() => void w.terminate(), o.stopWaitMs ?? STOP_WAIT_MS);
    await exited;
    clearTimeout(late);
    for (const [, r] of takeSentTo(w)) r.reject(new Error('the writer thread was ended before it answered'));
  };

  return {
    run: run as SqliteWriter['run'],
    async release() {
      if (pending.size === 0) await stop();
    },
    async close() {
      closed = true;
      await stop();
    },
    get running() {
      return worker !== undefined;
    },
    get onEventLoop() {
      return local !== undefined;
    },
    stats: () => ({ ...counts }),
  };
}

/** The thread's error as the caller would have met it on the event loop (a busy database still reads as busy: busy-error.ts). */
function errorOf(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'AppError' && e.code) return new AppError(e.code as ErrorCode, e.message);
  return Object.assign(new Error(e.message), { name: e.name, ...(e.code ? { code: e.code } : {}) });
}
