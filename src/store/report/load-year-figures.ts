import { computeYearFigures, type LedgerCase, type StudyCounts, type YearFigures } from '../../domain/report/year-figures.js';
import { RECORD_KIND_VALUES, type RecordKind } from '../../domain/report/record-kinds.js';
import type { Db } from '../database.js';

/**
 * The year-end figures straight from the tables: cases received in `year` (EnterpriseCase.year
 * is the year of receipt), study sessions held and work records dated in that year.
 * Raw SQL because the draft must stay fast with 100,000 cases (the ORM's row mapping is not).
 */
export async function loadYearCases(db: Db, year: number): Promise<LedgerCase[]> {
  return db.$queryRaw<LedgerCase[]>`
    SELECT c.code AS code, e.name AS enterprise, c.category AS category, c.received_date AS receivedDate,
           c.deadline AS deadline, c.status AS status, c.resolved_date AS resolvedDate
    FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
    WHERE c.year = ${year}
    ORDER BY c.seq`;
}

/** Average calendar days from receipt to resolution per category, for resolved cases of a year. */
export async function loadAverageHandlingDays(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ category: string; avgDays: number }>>`
    SELECT category, AVG(julianday(resolved_date) - julianday(received_date)) AS avgDays
    FROM enterprise_cases
    WHERE year = ${year} AND status = 'resolved' AND resolved_date IS NOT NULL
    GROUP BY category`;
  return new Map(rows.map((r) => [r.category, Math.round(Number(r.avgDays) * 10) / 10]));
}

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export async function loadStudyCounts(db: Db, year: number): Promise<StudyCounts> {
  const [from, to] = yearRange(year);
  const sessions = await db.studySession.count({ where: { heldDate: { gte: from, lte: to } } });
  const byStatus = await db.studyAttendance.groupBy({
    by: ['status'],
    where: { session: { heldDate: { gte: from, lte: to } } },
    _count: { _all: true },
  });
  const count = (s?: string) => byStatus.filter((r) => !s || r.status === s).reduce((n, r) => n + r._count._all, 0);
  return { sessions, present: count('present'), attendanceRows: count() };
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
  const [cases, previousAvgDays, study, records] = await Promise.all([
    loadYearCases(db, year),
    loadAverageHandlingDays(db, year - 1),
    loadStudyCounts(db, year),
    loadRecordCounts(db, year),
  ]);
  return computeYearFigures({ year, asOf, cases, previousAvgDays, study, records });
}
