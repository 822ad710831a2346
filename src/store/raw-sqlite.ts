import type Database from 'better-sqlite3';

export type { RawDb } from './sqlite/sqlite-connection.js';

/** The instant format Prisma writes for DateTime on SQLite, so both sides compare as text. */
export function sqlDate(instant: Date): string {
  return instant.toISOString().replace('Z', '+00:00');
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection. Integers come back as numbers: the
 * Prisma adapter turns BigInt on for the connection (defaultSafeIntegers), and the queues' ids
 * and counts are far below 2^53.
 */
export function stmt(db: Database.Database, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql).safeIntegers(false)));
  return s;
}
