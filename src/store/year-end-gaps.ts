import { OPEN_STATUSES } from '../domain/cases/categories.js';
import type { YearEndGaps } from '../domain/progress/year-end-gaps.js';
import type { Db } from './database.js';

/** What the year-end draft of `year` still lacks. */
export async function loadYearEndGaps(db: Db, year: number): Promise<YearEndGaps> {
  const inYear = { gte: `${year}-01-01`, lte: `${year}-12-31` };
  const select = { code: true, enterprise: { select: { name: true } } } as const;
  const [unresolved, resolvedWithoutText, sessions] = await Promise.all([
    db.enterpriseCase.findMany({ where: { receivedDate: inYear, status: { in: OPEN_STATUSES } }, select, orderBy: { code: 'asc' } }),
    db.enterpriseCase.findMany({ where: { receivedDate: inYear, status: 'resolved', OR: [{ resolution: null }, { resolution: '' }] }, select, orderBy: { code: 'asc' } }),
    db.studySession.findMany({ where: { heldDate: inYear, attendances: { none: {} } }, select: { topic: true, heldDate: true }, orderBy: { heldDate: 'asc' } }),
  ]);
  const flat = (r: { code: string; enterprise: { name: string } }) => ({ code: r.code, enterprise: r.enterprise.name });
  return { year, unresolved: unresolved.map(flat), resolvedWithoutText: resolvedWithoutText.map(flat), sessionsWithoutAttendance: sessions };
}
