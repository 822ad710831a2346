import { deadlineMark, type LedgerCase, type LedgerEntry } from '../../domain/report/year-figures.js';
import type { Db } from '../database.js';

/**
 * Every counted case of a year (received that year, not returned) in the order of its code:
 * the rows of the appendix and the .xlsx ledger. Raw SQL: the ORM's row mapping is several
 * times slower for 100,000 rows.
 */
export async function loadYearLedger(db: Db, year: number, asOf: string): Promise<LedgerEntry[]> {
  const rows = await db.$queryRaw<LedgerCase[]>`
    SELECT c.code AS code, e.name AS enterprise, c.category AS category, c.received_date AS receivedDate,
           c.deadline AS deadline, c.status AS status, c.resolved_date AS resolvedDate
    FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
    WHERE c.year = ${year} AND c.status <> 'returned'
    ORDER BY c.seq`;
  return rows.map((r) => ({ ...r, withinDeadline: deadlineMark(r, asOf) }));
}
