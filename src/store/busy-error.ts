import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma } from '../generated/prisma/client.js';

/**
 * Whether a database error means "another writer holds the lock, try again": SQLite's
 * SQLITE_BUSY, which the driver adapter reports inside a transaction as P1008 "Operation has
 * timed out", and a write conflict (P2034). Such a write was not done and may be repeated.
 */
export function isBusyError(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError && (e.code === 'P1008' || e.code === 'P2034')) return true;
  const text = e instanceof Error ? e.message : String(e);
  // SQLite's busy writer (the driver adapter says "Operation has timed out"); PostgreSQL's
  // serialization failure or deadlock; a pool that had no free connection in time.
  return /SQLITE_BUSY|database is locked|Operation has timed out|40001|40P01|could not serialize|deadlock detected|Unable to start a transaction/i.test(text);
}

/** A pause before the next try that grows and spreads out, without blocking the event loop. */
export function busyPause(attempt: number): Promise<void> {
  const ms = Math.min(1_000, 25 * 2 ** attempt);
  return sleep(ms / 2 + (Math.random() * ms) / 2);
}

/**
 * Runs a write that may meet a busy database, trying again after a pause instead of waiting
 * inside SQLite (which would hold the event loop): about `limitMs` in all, then the error.
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
