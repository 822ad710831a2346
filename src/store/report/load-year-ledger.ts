import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { deadlineMark, type LedgerEntry, type LedgerFollowup } from '../../domain/report/year-figures.js';
import type { Db } from '../database.js';

/** Rows per read: small enough that a page is a few hundred kB, large enough that 100,000 rows are 50 reads. */
export const LEDGER_PAGE_SIZE = 2_000;

/**
 * Every counted case of a year (received that year, not returned) in the order of its code:
 * the rows of the appendix and the .xlsx ledger, as pages read one after another (keyset on
 * the year's seq), so a year of 100,000 cases is never in memory at once. Each iteration reads
 * the store afresh. The dialect's plain statement (store/sql) is used: Prisma's row mapping
 * costs about three times as much CPU here (measured with scripts/bench-draft.ts).
 */
export function yearLedgerPages(db: Db, year: number, asOf: string, pageSize = LEDGER_PAGE_SIZE): AsyncIterable<LedgerEntry[]> {
  return {
    async *[Symbol.asyncIterator]() {
      for (let after = 0; ; ) {
        const rows = await db.sql.ledgerPage(year, after, pageSize);
        if (rows.length > 0) {
          const followups = await pageFollowups(db, year, after, rows[rows.length - 1]!.seq);
          after = rows[rows.length - 1]!.seq;
          // Built field by field: a rest/spread per row cost more than the read of the page.
          yield rows.map((r) => ({
            code: r.code, enterprise: r.enterprise, category: r.category, receivedDate: r.receivedDate, deadline: r.deadline, status: r.status,
            resolvedDate: r.resolvedDate, withinDeadline: deadlineMark(r, asOf), followups: followups.get(r.code) ?? [],
          }));
        }
        if (rows.length < pageSize) return;
      }
    },
  };
}

/** The 回访 of the cases of one page (year, seq in (after, last]) by code, oldest first: one query a page. */
async function pageFollowups(db: Db, year: number, after: number, last: number): Promise<Map<string, LedgerFollowup[]>> {
  const rows = await db.caseFollowup.findMany({
    where: { case: { year, seq: { gt: after, lte: last } } },
    select: { visitDate: true, satisfaction: true, method: true, opinion: true, case: { select: { code: true } } },
    orderBy: [{ caseId: 'asc' }, { resolutionNo: 'asc' }],
  });
  const out = new Map<string, LedgerFollowup[]>();
  for (const { case: c, ...f } of rows) out.set(c.code, [...(out.get(c.code) ?? []), f]);
  return out;
}

/** The whole ledger of a year as one array: for imports and tests of a few rows, not for the draft. */
export async function loadYearLedger(db: Db, year: number, asOf: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for await (const page of yearLedgerPages(db, year, asOf)) out.push(...page);
  return out;
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
