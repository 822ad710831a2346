import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma } from '../generated/prisma/client.js';

/** PostgreSQL's SQLSTATEs for "try the transaction again": serialization failure, deadlock. */
const PG_RETRY_STATES = new Set(['40001', '40P01']);

/**
 * Whether a database error means "another writer was in the way, try again": SQLite's
 * SQLITE_BUSY (another process held the write lock past the connection's waits), PostgreSQL's
 * serialization failure or deadlock (which Prisma reports as a write conflict, P2034), Prisma's
 * timed-out operation (P1008, SQLite's busy through the adapter) and a transaction that could not start in time (P2028, the pool or the connection was
 * busy). Matched by code, never by words inside a message. Such a write was not done.
 */
export function isBusyError(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    if (e.code === 'P1008' || e.code === 'P2034') return true;
    // P2028 covers other transaction faults too; only "could not start in time" is a busy database.
    return e.code === 'P2028' && /Unable to start a transaction/.test(e.message);
  }
  if (isSqliteBusy(e)) return true;
  // pg's own error (the queues' statements run on the pool directly).
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PG_RETRY_STATES.has(code);
}

/** SQLITE_BUSY and its extended codes, as better-sqlite3 throws it or the Prisma adapter maps it. */
export function isSqliteBusy(e: unknown): boolean {
  const err = e as { code?: unknown; name?: unknown; cause?: { kind?: unknown } } | null;
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_BUSY')) return true;
  // @prisma/adapter-better-sqlite3 reports SQLITE_BUSY as a "SocketTimeout".
  return err?.name === 'DriverAdapterError' && err.cause?.kind === 'SocketTimeout';
}

/** A pause before the next try that grows and spreads out, without blocking the event loop. */
export function busyPause(attempt: number): Promise<void> {
  const ms = Math.min(1_000, 25 * 2 ** attempt);
  return sleep(ms / 2 + (Math.random() * ms) / 2);
}

/**
 * Runs a write that may meet another process in its way (PostgreSQL replicas), trying again
 * after a pause: about `limitMs` in all, then the error. (SQLite waits for other processes in
 * its connection already: sqlite/sqlite-connection.ts.)
 */
export async function retryBusy<T>(write: () => T | Promise<T>, limitMs = 15_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!isBusyError(e) || Date.now() >= end) throw e;
      await busyPause(attempt);
    }
  }
}
