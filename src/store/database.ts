import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { isPostgresUrl } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrate.js';
import { openPostgres } from './pg/open-postgres.js';
import { CACHE_SIZE_PRAGMA, openRaw, type RawDb } from './raw-sqlite.js';
import { warmUp } from './warm-up.js';
import type { DialectSql } from './sql/dialect-sql.js';
import type { QueueSql } from './sql/queue-sql.js';
import { startSqliteWriter, type SqliteWriter } from './sqlite-writer/writer-thread.js';
import { writerDialect, writerQueues } from './sqlite-writer/writer-sql.js';
import { SQLITE_DEFAULT_CHECKPOINT_PAGES, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

/**
 * The Prisma client with what sits beside it: `queues`, the inbox and outbox statements in
 * this database's SQL dialect, and `sql`, the few other statements that differ per dialect.
 * Code is typed against the SQLite client; on PostgreSQL the client generated for it is cast
 * to that type once (store/pg/open-postgres.ts).
 */
/** `sqlite`: the plain connection beside Prisma, on SQLite only (tests and scripts that need it raw). */
export type Db = PrismaClient & {
  readonly queues: QueueSql;
  readonly sql: DialectSql;
  readonly sqlite?: RawDb;
  readonly walCheckpointer?: WalCheckpointer;
  /** SQLite: the thread that does the inbox's and outbox's writes and stores new cases. */
  readonly sqliteWriter?: SqliteWriter;
  /** After a burst (SQLite): hands back the page caches' memory and ends the checkpoint thread until the next write. */
  readonly releaseMemory?: () => Promise<void>;
};
export { PrismaClient };

/** Busy timeout: how long a writer waits for another writer (another replica, a script). */
const BUSY_TIMEOUT_MS = 10_000;
/**
 * The inbox and outbox wait only briefly inside SQLite, which holds the event loop while it
 * waits; their callers then try again after a pause (store/busy-error.ts retryBusy).
 */
const QUEUE_BUSY_TIMEOUT_MS = 50;
/**
 * The writer thread waits longer inside SQLite (for a Prisma transaction of the event loop's,
 * another replica, an import): it holds up no other request, only the writes queued behind it,
 * which wait for the same lock.
 */
const WRITER_BUSY_TIMEOUT_MS = 1_000;

/** Closes the client and what sits beside it. */
export async function closeDatabase(db: Db): Promise<void> {
  await db.sqliteWriter?.close();
  await db.walCheckpointer?.close();
  await db.$disconnect();
  await db.sql.close();
}

/**
 * Opens the database named by DATABASE_URL: `postgres://…` or `postgresql://…` → PostgreSQL;
 * `file:<path>` (or a bare path) → SQLite, creating the file if needed. Applies pending
 * migrations of that dialect first.
 */
export async function openDatabase(
  location: string,
  options: { onCheckpointError?: (e: Error) => void; onWriterGiveUp?: (e: Error) => void } = {},
): Promise<{ db: Db; applied: string[] }> {
  if (isPostgresUrl(location)) {
    const { prisma, extras, applied } = await openPostgres(location);
    return { db: attach(prisma, extras), applied };
  }
  const path = resolve(location.startsWith('file:') ? location.slice('file:'.length) : location);
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
  await prisma.$queryRawUnsafe(`PRAGMA ${CACHE_SIZE_PRAGMA}`);
  await warmUp(prisma);
  const raw = openRaw(path, QUEUE_BUSY_TIMEOUT_MS);
  // Checkpoints run on a thread of their own, not inside a commit on the event loop (wal-checkpointer.ts).
  const writer = startSqliteWriter(path, {
    busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS,
    eventLoopConnection: raw,
    ...(options.onWriterGiveUp ? { onGiveUp: options.onWriterGiveUp } : {}),
  });
  const autoCheckpoint = (pages: number) =>
    Promise.all([prisma.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`), raw.pragma(`wal_autocheckpoint = ${pages}`), ...(pages ? [writer.run('walAutoCheckpoint', pages)] : [])]);
  await autoCheckpoint(0);
  const walCheckpointer = startWalCheckpointer(path, {
    // On the writers' connection: the writes wait for it, not the event loop.
    catchUp: () => writer.run('walCatchUp'),
    onGiveUp: () => void autoCheckpoint(SQLITE_DEFAULT_CHECKPOINT_PAGES).catch(() => undefined),
    ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}),
  });
  const releaseMemory = async () => {
    await writer.release();
    await walCheckpointer.release();
    raw.pragma('shrink_memory');
    await prisma.$queryRawUnsafe('PRAGMA shrink_memory');
  };
  return { db: attach(prisma, { queues: writerQueues(raw, writer), sql: writerDialect(raw, writer), sqlite: raw, sqliteWriter: writer, walCheckpointer, releaseMemory }), applied };
}

/** Properties on the client itself, so every function that takes the client reaches them. */
function attach(prisma: PrismaClient, extras: object): Db {
  Object.defineProperties(prisma, Object.fromEntries(Object.entries(extras).map(([k, value]) => [k, { value }])));
  return prisma as Db;
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
