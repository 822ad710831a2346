import { OPEN_STATUSES } from '../../domain/cases/categories.js';
import { RECORD_KIND_VALUES, type RecordKind } from '../../domain/report/record-kinds.js';
import { computeYearFigures, type EnterpriseTally, type StudyCounts, type YearFigures } from '../../domain/report/year-figures.js';
import { Prisma } from '../../generated/prisma/client.js';
import { studyYearStats } from '../study/statistics.js';
import type { Db } from '../database.js';
import { daysBetweenSql } from '../dialect.js';

/*
 * The year-end figures straight from the tables: cases received in `year` (EnterpriseCase.year
 * is the year of receipt; returned cases are not counted), study sessions held and work records
 * dated in that year. Counting is done by SQL (GROUP BY) so that the draft text stays fast with
 * 100,000 cases; the per-case ledger is loaded only for the files (load-year-ledger.ts).
 */

const OPEN = Prisma.join(OPEN_STATUSES);

/** One row per (category, enterprise): counted, resolved, in time, open, overdue, first receipt. */
export async function loadEnterpriseTallies(db: Db, year: number, asOf: string): Promise<EnterpriseTally[]> {
  // Portable SQL: a count of rows that match is SUM(CASE … 1 ELSE 0), not SUM(<boolean>), and
  // every selected column is grouped (PostgreSQL refuses e.name when only the id is grouped).
  const when = (cond: Prisma.Sql) => Prisma.sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const resolved = Prisma.sql`c.status = 'resolved' AND c.resolved_date IS NOT NULL`;
  const open = Prisma.sql`c.status IN (${OPEN})`;
  const rows = await db.$queryRaw<Array<Record<keyof EnterpriseTally, string | number | bigint>>>`
    SELECT c.category AS category, e.name AS enterprise, COUNT(*) AS cases,
           ${when(resolved)} AS resolved,
           ${when(Prisma.sql`${resolved} AND c.resolved_date <= c.deadline`)} AS "withinDeadline",
           ${when(open)} AS open,
           ${when(Prisma.sql`${open} AND c.deadline < ${asOf}`)} AS "openOverdue",
           MIN(c.received_date) AS "firstReceived"
    FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
    WHERE c.year = ${year} AND c.status <> 'returned'
    GROUP BY c.category, c.enterprise_id, e.name`;
  return rows.map((r) => ({
    category: String(r.category),
    enterprise: String(r.enterprise),
    cases: Number(r.cases),
    resolved: Number(r.resolved),
    withinDeadline: Number(r.withinDeadline),
    open: Number(r.open),
    openOverdue: Number(r.openOverdue),
    firstReceived: String(r.firstReceived),
  }));
}

export async function countReturned(db: Db, year: number): Promise<number> {
  return db.enterpriseCase.count({ where: { year, status: 'returned' } });
}

/** Average calendar days from receipt to resolution per category, for resolved cases received in a year. */
export async function loadAverageHandlingDays(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ category: string; avgDays: number }>>`
    SELECT category, AVG(${daysBetweenSql(db, 'received_date', 'resolved_date')}) AS "avgDays"
    FROM enterprise_cases
    WHERE year = ${year} AND status = 'resolved' AND resolved_date IS NOT NULL
    GROUP BY category`;
  return new Map(rows.map((r) => [r.category, Math.round(Number(r.avgDays) * 10) / 10]));
}

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/** The year's 会前学法 figures from the study feature, so /总结 and /学法统计 give the same 参学率. */
export async function loadStudyCounts(db: Db, year: number): Promise<StudyCounts> {
  const s = await studyYearStats(db, year);
  const { present, leave, absent } = s.totals;
  return { sessions: s.sessions, present, attendanceRows: present + leave + absent, averageRate: s.averageAttendanceRate };
}

export async function loadRecordCounts(db: Db, year: number): Promise<Record<RecordKind, number>> {
  const [from, to] = yearRange(year);
  const rows = await db.workRecord.groupBy({ by: ['kind'], where: { date: { gte: from, lte: to } }, _count: { _all: true } });
  const out = Object.fromEntries(RECORD_KIND_VALUES.map((k) => [k, 0])) as Record<RecordKind, number>;
  for (const r of rows) if (r.kind in out) out[r.kind as RecordKind] = r._count._all;
  return out;
}

/** Everything the draft prints for `year`; `asOf` is the day open cases are checked against their deadline. */
export async function loadYearFigures(db: Db, year: number, asOf: string): Promise<YearFigures> {
  const [tallies, returned, avgDays, previousAvgDays, study, records] = await Promise.all([
    loadEnterpriseTallies(db, year, asOf),
    countReturned(db, year),
    loadAverageHandlingDays(db, year),
    loadAverageHandlingDays(db, year - 1),
    loadStudyCounts(db, year),
    loadRecordCounts(db, year),
  ]);
  return computeYearFigures({ year, asOf, tallies, returned, avgDays, previousAvgDays, study, records });
}
