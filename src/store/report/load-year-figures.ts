import { OPEN_STATUSES } from '../../domain/cases/categories.js';
import { averageWorkingDays, type HandlingSpan } from '../../domain/report/handling-time.js';
import type { FollowupCounts } from '../../domain/report/followup-figures.js';
import { computeYearFigures, type EnterpriseTally, type StudyCounts, type YearFigures } from '../../domain/report/year-figures.js';
import { Prisma } from '../../generated/prisma/client.js';
import { studyYearStats } from '../study/statistics.js';
import type { Db } from '../database.js';
import { loadWorkRecords, recordTotals, type WorkRecordEntry } from './work-records.js';

/*
 * The year-end figures straight from the tables: cases received in `year` (EnterpriseCase.year
 * is the year of receipt; returned cases are not counted), study sessions held and work records
 * dated in that year. Counting is done by SQL (GROUP BY) so that the draft text stays fast with
 * 100,000 cases; the per-case ledger is loaded only for the files (load-year-ledger.ts).
 */

const OPEN = Prisma.join(OPEN_STATUSES);

/** One row per (category, enterprise): counted, resolved, in time, open, overdue, first receipt. */
export async function loadEnterpriseTallies(db: Db, year: number, asOf: string): Promise<EnterpriseTally[]> {
  // Portable SQL: a count of rows that match is SUM(CASE … 1 ELSE 0), not SUM(<boolean>);
  // every selected column is grouped (PostgreSQL refuses e.name when only the id is grouped);
  // camelCase aliases are quoted (PostgreSQL folds unquoted names to lower case).
  const when = (cond: Prisma.Sql) => Prisma.sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const resolved = Prisma.sql`c.status = 'resolved' AND c.resolved_date IS NOT NULL`;
  const open = Prisma.sql`c.status IN (${OPEN})`;
  // Grouped by (category, enterprise_id) alone, the name joined afterwards: the year's rows then
  // come in group order from the year_figures index, read from the index alone, with no sort.
  const rows = await db.$queryRaw<Array<Record<keyof EnterpriseTally, string | number | bigint | null>>>`
    SELECT t.category AS category, e.name AS enterprise, t.cases AS cases, t.resolved AS resolved, t."withinDeadline" AS "withinDeadline",
           t.open AS open, t."openOverdue" AS "openOverdue", t."firstReceived" AS "firstReceived", t."lastResolved" AS "lastResolved"
    FROM (
      SELECT c.category AS category, c.enterprise_id AS enterprise_id, COUNT(*) AS cases,
             ${when(resolved)} AS resolved,
             ${when(Prisma.sql`${resolved} AND c.resolved_date <= c.deadline`)} AS "withinDeadline",
             ${when(open)} AS open,
             ${when(Prisma.sql`${open} AND c.deadline < ${asOf}`)} AS "openOverdue",
             MIN(c.received_date) AS "firstReceived",
             MAX(CASE WHEN c.status = 'resolved' THEN c.resolved_date END) AS "lastResolved"
      FROM enterprise_cases c
      WHERE c.year = ${year} AND c.status <> 'returned'
      GROUP BY c.category, c.enterprise_id
    ) t JOIN enterprises e ON e.id = t.enterprise_id`;
  return rows.map((r) => ({
    category: String(r.category),
    enterprise: String(r.enterprise),
    cases: Number(r.cases),
    resolved: Number(r.resolved),
    withinDeadline: Number(r.withinDeadline),
    open: Number(r.open),
    openOverdue: Number(r.openOverdue),
    firstReceived: String(r.firstReceived),
    lastResolved: r.lastResolved === null ? null : String(r.lastResolved),
  }));
}

export async function countReturned(db: Db, year: number): Promise<number> {
  return db.enterpriseCase.count({ where: { year, status: 'returned' } });
}

/** Resolved cases of a year grouped by category and their two days, for averages in working days. */
export async function loadHandlingSpans(db: Db, year: number): Promise<HandlingSpan[]> {
  const rows = await db.$queryRaw<Array<{ category: string; receivedDate: string; resolvedDate: string; cases: bigint | number }>>`
    SELECT category, received_date AS "receivedDate", resolved_date AS "resolvedDate", COUNT(*) AS cases
    FROM enterprise_cases
    WHERE year = ${year} AND status = 'resolved' AND resolved_date IS NOT NULL
    GROUP BY category, received_date, resolved_date`;
  return rows.map((r) => ({ category: r.category, receivedDate: r.receivedDate, resolvedDate: r.resolvedDate, cases: Number(r.cases) }));
}

/** Counted and resolved cases of a year, for 「较上年」. */
export async function loadYearTotals(db: Db, year: number): Promise<{ total: number; resolved: number }> {
  const [total, resolved] = await Promise.all([
    db.enterpriseCase.count({ where: { year, status: { not: 'returned' } } }),
    db.enterpriseCase.count({ where: { year, status: 'resolved', resolvedDate: { not: null } } }),
  ]);
  return { total, resolved };
}

/** The year's 会前学法 figures from the study feature, so /总结 and /学法统计 give the same 参学率. */
export async function loadStudyCounts(db: Db, year: number): Promise<StudyCounts> {
  const s = await studyYearStats(db, year);
  const { present, leave, absent } = s.totals;
  return { sessions: s.sessions, present, attendanceRows: present + leave + absent, averageRate: s.averageAttendanceRate, days: s.sessionList.map((x) => x.heldDate) };
}

/** The 回访 of a year's counted cases (received that year, not returned), per 满意度. */
export async function loadFollowupCounts(db: Db, year: number): Promise<FollowupCounts> {
  const where = { case: { year, status: { not: 'returned' } } };
  const [rows, cases] = await Promise.all([
    db.caseFollowup.groupBy({ by: ['satisfaction'], where, _count: { _all: true } }),
    db.enterpriseCase.count({ where: { year, status: { not: 'returned' }, followups: { some: {} } } }),
  ]);
  const n = (s: string) => rows.find((r) => r.satisfaction === s)?._count._all ?? 0;
  return { satisfied: n('satisfied'), basic: n('basic'), dissatisfied: n('dissatisfied'), cases };
}

/** Everything the draft prints for `year`; `asOf` is the day open cases are checked against their deadline. */
export async function loadYearFigures(db: Db, year: number, asOf: string, records?: WorkRecordEntry[]): Promise<YearFigures> {
  const [tallies, returned, spans, previousSpans, study, entries, previous, followups] = await Promise.all([
    loadEnterpriseTallies(db, year, asOf),
    countReturned(db, year),
    loadHandlingSpans(db, year),
    loadHandlingSpans(db, year - 1),
    loadStudyCounts(db, year),
    records ?? loadWorkRecords(db, year),
    loadYearTotals(db, year - 1),
    loadFollowupCounts(db, year),
  ]);
  return computeYearFigures({
    year, asOf, tallies, returned, avgDays: averageWorkingDays(spans), previousAvgDays: averageWorkingDays(previousSpans), study, records: recordTotals(entries), previous, followups,
  });
}
