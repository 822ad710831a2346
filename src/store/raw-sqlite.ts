import Database from 'better-sqlite3';

export type RawDb = Database.Database;

/**
 * SQLite's page cache per connection, in KiB. better-sqlite3 builds SQLite with 16 MB, which
 * each of the bot's connections (Prisma's, this one, the checkpoint thread's) fills under load
 * and keeps; what falls out of 4 MB is read back from the system's file cache in microseconds.
 */
export const CACHE_SIZE_PRAGMA = 'cache_size = -4096';

/**
 * A second, plain better-sqlite3 connection to the same file, for the inbox and outbox:
 * they run several statements per event on the hot path, and a prepared statement costs
 * about a fifth of a Prisma query. Domain data goes through Prisma.
 */
export function openRaw(path: string, busyTimeoutMs: number): RawDb {
  const db = new Database(path, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(CACHE_SIZE_PRAGMA);
  return db;
}

/** The instant format Prisma writes for DateTime on SQLite, so both sides compare as text. */
export function sqlDate(instant: Date): string {
  return instant.toISOString().replace('Z', '+00:00');
}

const cache = new WeakMap<RawDb, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
export function stmt(db: RawDb, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
