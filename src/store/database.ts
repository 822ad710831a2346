import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrate.js';
import { openRaw, type RawDb } from './raw-sqlite.js';
import type { QueueSql } from './sql/queue-sql.js';
import { sqliteQueues } from './sql/sqlite-queues.js';

/**
 * The Prisma client with what sits beside it: `queues`, the inbox and outbox statements in
 * this database's SQL dialect, and `sqlite`, the plain connection they run on.
 */
export type Db = PrismaClient & { readonly queues: QueueSql; readonly sqlite: RawDb };
export { PrismaClient };

/** Busy timeout: how long a writer waits for another writer (another replica, a script). */
const BUSY_TIMEOUT_MS = 10_000;
/**
 * The inbox and outbox wait only briefly inside SQLite, which holds the event loop while it
 * waits; their callers then try again after a pause (store/busy-error.ts retryBusy).
 */
const QUEUE_BUSY_TIMEOUT_MS = 50;

/** Closes both connections. */
export async function closeDatabase(db: Db): Promise<void> {
  await db.$disconnect();
  if (db.sqlite.open) db.sqlite.close();
}

/**
 * Creates the database file if needed, applies pending migrations, and returns a Prisma
 * client on the better-sqlite3 driver adapter (WAL, busy timeout) with the plain connection.
 */
export async function openDatabase(databasePath: string): Promise<{ db: Db; applied: string[] }> {
  const path = resolve(databasePath);
  mkdirSync(dirname(path), { recursive: true });
  const applied = migrate(path);
  const adapter = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
  // WAL with synchronous=NORMAL: a commit survives a crash of the process (what the inbox
  // and outbox promise); only a power cut can lose the last commits. FULL would fsync
  // on every commit and block the event loop for each acknowledged event.
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  const sqlite = openRaw(path, QUEUE_BUSY_TIMEOUT_MS);
  // Properties on the client itself, so every function that takes the client reaches them.
  Object.defineProperties(prisma, { sqlite: { value: sqlite }, queues: { value: sqliteQueues(sqlite) } });
  return { db: prisma as Db, applied };
}

/** True when the database answers a query. */
export async function databaseIsHealthy(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
