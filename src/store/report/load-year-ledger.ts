import { deadlineMark, type LedgerEntry } from '../../domain/report/year-figures.js';
import type { Db } from '../database.js';

/**
 * Every counted case of a year (received that year, not returned) in the order of its code:
 * the rows of the appendix and the .xlsx ledger. A read of up to 100,000 rows, so it uses the
 * dialect's plain statement (store/sql): Prisma's row mapping costs about three times
 * as much CPU here (measured with scripts/bench-draft.ts).
 */
export async function loadYearLedger(db: Db, year: number, asOf: string): Promise<LedgerEntry[]> {
  const rows = await db.sql.ledgerRows(year);
  return rows.map((r) => ({ ...r, withinDeadline: deadlineMark(r, asOf) }));
}
