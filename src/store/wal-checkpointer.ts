import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CACHE_SIZE_PRAGMA } from './raw-sqlite.js';

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own.
 *
 * SQLite does that copy (a checkpoint) inside the commit that pushes the log past 1,000 pages
 * (a report submission writes about 25), and a checkpoint fsyncs twice: 40–120 ms on a virtual
 * disk, during which the event loop stands still and every request in flight waits. The
 * process's connections therefore do not checkpoint (wal_autocheckpoint = 0); this thread runs
 * a PASSIVE checkpoint, which neither waits for nor blocks a writer, every `everyMs` while the
 * log keeps changing.
 *
 * The log starts over only when a writer finds all of it copied, and under steady writing a
 * commit lands during nearly every checkpoint: left alone the log would grow for as long as
 * the writing goes on. Once it is `restartPages` long, the next thread checkpoint is followed
 * by `catchUp` on the writers' connection (the bot's writer thread, sqlite-writer/), which
 * copies only what was written meanwhile (one short wait of the writes per `restartPages`
 * pages instead of a long one per 1,000); the next commit then starts the log over. After three failures in a row the thread is given up and `onGiveUp` hands the
 * checkpoints back to SQLite. The thread (about 8 MB in the running bot) is started on the
 * first write and ended after `idleStopMs` without one.
 */
export interface WalCheckpointer {
  /** Checkpoints now (starting the thread if needed); resolves with SQLite's answer. */
  runNow(): Promise<CheckpointResult>;
  /**
   * After a burst: checkpoints now and, when the whole log is copied, ends the thread (its
   * memory goes back to the system); the next write starts it again.
   */
  release(): Promise<void>;
  /** Whether the thread is running (for tests). */
  readonly running: boolean;
  /** Checkpoints by the thread, catch-ups on the writers' connection, and the longest log seen, in pages (for benchmarks). */
  stats(): { runs: number; catchUps: number; longestLog: number };
  close(): Promise<void>;
}

/** SQLite's answer: frames in the log, and how many of them are in the database file now. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const MAX_FAILURES = 3;

/** SQLite's own checkpoint interval, given back when the thread is given up. */
export const SQLITE_DEFAULT_CHECKPOINT_PAGES = 1_000;

/** The thread's code (a file of its own: see there why it is CommonJS). */
const WORKER = new URL('./wal-checkpoint-worker.cjs', import.meta.url);

export interface CheckpointerOptions {
  /** A PASSIVE checkpoint on the connection that writes (the writer thread's, or the event loop's). */
  catchUp: () => CheckpointResult | Promise<CheckpointResult>;
  /** Called once when the thread is given up: the connections should checkpoint themselves again. */
  onGiveUp: () => void;
  onError?: (e: Error) => void;
  everyMs?: number;
  idleStopMs?: number;
  restartPages?: number;
}

export function startWalCheckpointer(path: string, o: CheckpointerOptions): WalCheckpointer {
  const everyMs = o.everyMs ?? 250;
  const idleStopMs = o.idleStopMs ?? 60_000;
  const restartPages = o.restartPages ?? 10_000;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | undefined;
  let pending: Array<{ resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }> = [];
  /** The log's modification time at the last look (undefined before the first look). */
  let lastChange: number | undefined;
  let lastWrite = Date.now();
  let closed = false;
  const counts = { runs: 0, catchUps: 0, longestLog: 0 };
  let nextCatchUp = restartPages;
  /** Failures in a row: after MAX_FAILURES the thread is not started again (the safety net remains). */
  let failures = 0;

  const start = (): Worker => {
    const w = new Worker(WORKER, { workerData: { driver, path, cacheSize: CACHE_SIZE_PRAGMA }, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
    w.unref();
    w.on('message', (m: { ok?: CheckpointResult; error?: string }) => {
      const p = pending.shift();
      if (m.ok) {
        counts.runs++;
        counts.longestLog = Math.max(counts.longestLog, m.ok.log);
        failures = 0;
        p?.resolve(m.ok);
      } else p?.reject(new Error(m.error));
    });
    const gone = (e: Error) => {
      if (worker === w) worker = undefined;
      for (const p of pending.splice(0)) p.reject(e);
    };
    w.on('error', (e) => gone(e));
    w.on('exit', () => gone(new Error('checkpoint thread ended')));
    return w;
  };

  const runNow = (): Promise<CheckpointResult> => {
    if (closed) return Promise.reject(new Error('checkpointer closed'));
    worker ??= start();
    const w = worker;
    return new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
      w.postMessage('checkpoint');
    });
  };

  // The log's modification time says whether anything was written since the last look; the
  // look itself runs on libuv's thread pool, not the event loop.
  let busy = false;
  const tick = async () => {
    if (busy || closed || failures >= MAX_FAILURES) return;
    busy = true;
    try {
      const changed = (await stat(`${path}-wal`).catch(() => undefined))?.mtimeMs ?? -1;
      if (lastChange === undefined) lastChange = changed;
      else if (changed !== lastChange) {
        lastChange = changed;
        lastWrite = Date.now();
        if (changed !== -1) {
          const r = await runNow();
          // Once per restartPages of growth: a log held by a reader cannot start over anyway.
          if (r.log < restartPages) nextCatchUp = restartPages;
          else if (r.log >= nextCatchUp && !closed) {
            nextCatchUp = r.log + restartPages;
            await o.catchUp();
            counts.catchUps++;
          }
        }
      } else if (worker && Date.now() - lastWrite > idleStopMs) {
        await stop();
      }
    } catch (e) {
      failures++;
      o.onError?.(e as Error);
      if (failures === MAX_FAILURES) o.onGiveUp();
    } finally {
      busy = false;
    }
  };
  /** Lets the thread close its connection and end; a thread that does not is ended. */
  const stop = async () => {
    const w = worker;
    worker = undefined;
    if (!w) return;
    const exited = once(w, 'exit').catch(() => undefined);
    w.postMessage('close');
    const late = setTimeout(() => void w.terminate(), 2_000);
    await exited;
    clearTimeout(late);
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();

  const release = async () => {
    if (busy || closed || !worker || failures >= MAX_FAILURES) return;
    busy = true;
    try {
      // Looked at before the checkpoint: a write after it shows as a change at the next tick.
      const changed = (await stat(`${path}-wal`).catch(() => undefined))?.mtimeMs ?? -1;
      const r = await runNow();
      lastChange = changed;
      if (r.checkpointed === r.log) await stop();
    } catch (e) {
      o.onError?.(e as Error);
    } finally {
      busy = false;
    }
  };

  return {
    runNow,
    release,
    get running() {
      return worker !== undefined;
    },
    stats: () => ({ ...counts }),
    async close() {
      closed = true;
      clearInterval(timer);
      await stop();
      pending = [];
    },
  };
}
