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

const PAGE_SQL = `
  SELECT c.seq AS seq, c.code AS code, e.name AS enterprise, c.category AS category, c.received_date AS receivedDate,
         c.deadline AS deadline, c.status AS status, c.resolved_date AS resolvedDate
  FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE c.year = ? AND c.seq > ? AND c.status <> 'returned'
  ORDER BY c.seq LIMIT ?`;

/**
 * The same rows as loadYearLedger, a page at a time (keyset on the (year, seq) index), for the
 * files of /总结: only one page is in memory at once. Each page is its own statement, so the
 * connection stays free for the events that arrive while the files are written.
 */
export function* yearLedgerPages(db: Db, year: number, asOf: string, size = 2_000): Generator<LedgerEntry[]> {
  for (let after = 0; ; ) {
    const rows = stmt(db.sqlite, PAGE_SQL).all(year, after, size) as Array<LedgerCase & { seq: number }>;
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.seq;
    yield rows.map(({ seq: _seq, ...r }) => ({ ...r, withinDeadline: deadlineMark(r, asOf) }));
  }
}
