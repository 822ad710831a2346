import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import type Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { isSqliteBusy } from '../busy-error.js';
import { Turns } from './turns.js';

export type RawDb = Database.Database;

/**
 * How long SQLite itself waits for another process's write lock inside one call. The wait
 * holds the event loop, so it is short; past it, the call is tried again after a pause that
 * lets everything else go on (an import script or a second process holds the lock).
 */
const BUSY_TIMEOUT_MS = 20;
/** How long a call waits in all for another process before its busy error is passed on. */
export const BUSY_LIMIT_MS = 15_000;

/**
 * The pause before the next try: short and spread out (5 to 50 ms), not growing to seconds: the
 * other process's transactions take milliseconds, and a card callback has 3 s in all.
 */
function pause(attempt: number): Promise<void> {
  const ms = Math.min(50, 5 * attempt);
  return sleep(ms / 2 + Math.random() * ms);
}

/**
 * The one SQLite connection of a process. Every read and write goes through it, Prisma's and
 * the queues' statements alike, one at a time: a Prisma transaction spans awaits, and on a
 * shared connection whatever ran meanwhile would become part of it (and be rolled back with it).
 * So a transaction holds the connection's turn from BEGIN to COMMIT, and the queues' prepared
 * statements (`run`) and Prisma's single queries wait for their turn.
 *
 * Transactions begin IMMEDIATE: the write lock is taken before the first read, so another
 * process's commit can never invalidate what the transaction read (SQLITE_BUSY_SNAPSHOT), and a
 * busy database is met once, at BEGIN, where it is waited out without holding the turn.
 */
export interface SqliteConnection {
  /**
   * Runs `work` in the connection's turn; a busy database (another process) is waited out.
   * `ahead`: someone is waiting on an HTTP answer for it (an event's acknowledgement), so it goes
   * before the statements already waiting.
   */
  run<T>(work: (raw: RawDb) => T, o?: { ahead?: boolean }): Promise<T>;
  /** What Prisma's client is built on (`new PrismaClient({ adapter })`). */
  readonly adapter: SqlDriverAdapterFactory;
  /** The statements run so far (tests: everything went through this connection). */
  readonly statements: () => number;
}

/** Opens the file (WAL, synchronous=NORMAL) as the process's one connection. */
export async function openSqliteConnection(path: string): Promise<SqliteConnection> {
  const factory = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: BUSY_TIMEOUT_MS });
  const inner = (await factory.connect()) as SqlDriverAdapter & { client: RawDb };
  const raw = inner.client;
  raw.pragma('journal_mode = WAL');
  // A commit survives a crash of the process (what the inbox and outbox promise); only a power
  // cut can lose the last ones. FULL would fsync on every commit, on the event loop.
  raw.pragma('synchronous = NORMAL');
  const turns = new Turns();
  let statements = 0;

  /**
   * Takes the connection's turn and runs `first` in it; a busy database (another process) gives
   * the turn back, pauses and tries again. Returns what `first` returned and the turn, still held.
   */
  async function inTurn<T>(first: (raw: RawDb) => T | Promise<T>, ahead = false): Promise<{ value: T; done: () => void }> {
    const end = Date.now() + BUSY_LIMIT_MS;
    for (let attempt = 1; ; attempt++) {
      const done = await turns.take(ahead);
      try {
        statements++;
        return { value: await first(raw), done };
      } catch (e) {
        done();
        if (!isSqliteBusy(e) || Date.now() >= end) throw e;
      }
      await pause(attempt);
    }
  }

  async function run<T>(work: (raw: RawDb) => T | Promise<T>, o?: { ahead?: boolean }): Promise<T> {
    const { value, done } = await inTurn(work, o?.ahead);
    done();
    return value;
  }

  async function startTransaction(): Promise<Transaction> {
    const { done } = await inTurn((db) => db.prepare('BEGIN IMMEDIATE').run());
    // Prisma sends COMMIT or ROLLBACK through executeRaw, then calls commit()/rollback().
    const counted = (q: SqlQuery) => (statements++, q);
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (q) => inner.queryRaw(counted(q)),
      executeRaw: (q) => inner.executeRaw(counted(q)),
      commit: async () => done(),
      rollback: async () => done(),
    };
  }

  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => run(() => inner.queryRaw(q)),
    executeRaw: (q) => run(() => inner.executeRaw(q)),
    executeScript: (script) => run(() => inner.executeScript(script)),
    startTransaction,
    dispose: () => run(() => inner.dispose()),
  };
  const connection: SqliteConnection = {
    run,
    adapter: { provider: inner.provider, adapterName: inner.adapterName, connect: async () => adapter },
    statements: () => statements,
  };
  return connection;
}
