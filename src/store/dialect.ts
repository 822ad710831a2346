import { Prisma } from '../generated/prisma/client.js';

/**
 * Which SQL the database speaks. Nearly everything goes through Prisma and needs no dialect
 * code; the few raw statements that differ ask here.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

const KIND = Symbol.for('fazhi.databaseKind');

/** Set once where the database is opened. */
export function markDatabaseKind(db: object, kind: DatabaseKind): void {
  Object.defineProperty(db, KIND, { value: kind });
}

export function databaseKind(db: object): DatabaseKind {
  return (db as { [KIND]?: DatabaseKind })[KIND] ?? 'sqlite';
}

/** Calendar days from one 'YYYY-MM-DD' text column to another, as SQL. */
export function daysBetweenSql(db: object, from: string, to: string): Prisma.Sql {
  const a = Prisma.raw(from);
  const b = Prisma.raw(to);
  return databaseKind(db) === 'postgres'
    ? Prisma.sql`(CAST(${b} AS date) - CAST(${a} AS date))`
    : Prisma.sql`(julianday(${b}) - julianday(${a}))`;
}
