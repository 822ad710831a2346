import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isPostgresUrl } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrate.js';
import { BUSY_LIMIT_MS, openSqliteConnection, type SqliteConnection } from './sqlite/sqlite-connection.js';
import { sqliteDialect } from './sql/sqlite-dialect.js';
import { sqliteQueues } from './sql/sqlite-queues.js';
import { warmUp } from './warm-up.js';
import type { DialectSql } from './sql/dialect-sql.js';
import type { QueueSql } from './sql/queue-sql.js';

/**
 * The Prisma client with what sits beside it: `queues`, the inbox and outbox statements in
 * this database's SQL dialect, and `sql`, the few other statements that differ per dialect.
 * Code is typed against the SQLite client; on PostgreSQL the client generated for it is cast
 * to that type once (store/pg/open-postgres.ts).
 */
export type Db = PrismaClient & {
  readonly queues: QueueSql;
  readonly sql: DialectSql;
  /** SQLite: the process's one connection, which Prisma and the queues share (sqlite/sqlite-connection.ts). */
  readonly connection?: SqliteConnection;
};
export { PrismaClient };

/** Closes the client and what sits beside it. */
export async function closeDatabase(db: Db): Promise<void> {
  await db.$disconnect();
  await db.sql.close();
}

/**
 * Opens the database named by DATABASE_URL: `postgres://…` or `postgresql://…` → PostgreSQL;
 * `file:<path>` (or a bare path) → SQLite, creating the file if needed. Applies pending
 * migrations of that dialect first.
 */
export async function openDatabase(location: string): Promise<{ db: Db; applied: string[] }> {
  if (isPostgresUrl(location)) {
    // Loaded only for PostgreSQL: the pg driver, its adapter and client are about 12 MB of
    // memory an office on SQLite never needs.
    const { openPostgres } = await import('./pg/open-postgres.js');
    const { prisma, extras, applied } = await openPostgres(location);
    return { db: attach(prisma, extras), applied };
  }
  const path = resolve(location.startsWith('file:') ? location.slice('file:'.length) : location);
  mkdirSync(dirname(path), { recursive: true });
  const connection = await openSqliteConnection(path);
  const applied = await connection.run((raw) => migrate(raw));
  const prisma = new PrismaClient({
    adapter: connection.adapter,
    // A transaction waits for its turn on the connection and, past that, for another process's
    // write lock (sqlite-connection.ts); Prisma's own 2 s would give up first.
    transactionOptions: { maxWait: BUSY_LIMIT_MS, timeout: BUSY_LIMIT_MS },
  });
  await prisma.$connect();
  await warmUp(prisma);
  return { db: attach(prisma, { queues: sqliteQueues(connection), sql: sqliteDialect(connection), connection }), applied };
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
