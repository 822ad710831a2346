import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './database.js';

/** Calendar days from one 'YYYY-MM-DD' text column to another, as SQL of the database's dialect. */
export function daysBetweenSql(db: Db, from: string, to: string): Prisma.Sql {
  const a = Prisma.raw(from);
  const b = Prisma.raw(to);
  return db.sql.kind === 'postgres' ? Prisma.sql`(CAST(${b} AS date) - CAST(${a} AS date))` : Prisma.sql`(julianday(${b}) - julianday(${a}))`;
}
