import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { deadlineMark, type LedgerCase, type LedgerEntry } from '../../domain/report/year-figures.js';
import type { Db } from '../database.js';
import { stmt } from '../raw-sqlite.js';

const LEDGER_SQL = `
  SELECT c.code AS code, e.name AS enterprise, c.category AS category, c.received_date AS receivedDate,
         c.deadline AS deadline, c.status AS status, c.resolved_date AS resolvedDate
  FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE c.year = ? AND c.status <> 'returned'
  ORDER BY c.seq`;

/**
 * Every counted case of a year (received that year, not returned) in the order of its code:
 * the rows of the appendix and the .xlsx ledger. A read of up to 100,000 rows, so it uses the
 * plain connection beside Prisma (raw-sqlite.ts): Prisma's row mapping costs about three times
 * as much CPU here (measured with scripts/bench-draft.ts).
 */
export function loadYearLedger(db: Db, year: number, asOf: string): LedgerEntry[] {
  const rows = stmt(db.sqlite, LEDGER_SQL).all(year) as LedgerCase[];
  return rows.map((r) => ({ ...r, withinDeadline: deadlineMark(r, asOf) }));
}

/** The year's returned cases with their reasons, in the order of their code: the appendix's 退回诉求 table. */
export async function loadReturnedCases(db: Db, year: number): Promise<ReturnedCase[]> {
  const rows = await db.enterpriseCase.findMany({
    where: { year, status: 'returned' },
    orderBy: { seq: 'asc' },
    select: { code: true, category: true, receivedDate: true, returnReason: true, enterprise: { select: { name: true } } },
  });
  return rows.map((r) => ({ code: r.code, enterprise: r.enterprise.name, category: r.category, receivedDate: r.receivedDate, returnReason: r.returnReason }));
}
