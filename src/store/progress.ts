import { OPEN_STATUSES } from '../domain/cases/categories.js';
import type { DayRange } from '../domain/progress/report-week.js';
import type { ProgressCase, ProgressSession, ReceivedTally } from '../domain/progress/weekly-progress.js';
import type { Db } from './database.js';

const caseSelect = {
  code: true,
  category: true,
  status: true,
  receivedDate: true,
  resolvedDate: true,
  deadline: true,
  assigneeId: true,
  reporterId: true,
  enterprise: { select: { name: true } },
} as const;

type CaseRow = {
  code: string;
  category: string;
  status: string;
  receivedDate: string;
  resolvedDate: string | null;
  deadline: string;
  assigneeId: string | null;
  reporterId: string;
  enterprise: { name: string };
};

function toProgressCase(r: CaseRow): ProgressCase {
  return {
    code: r.code,
    category: r.category,
    status: r.status,
    enterprise: r.enterprise.name,
    receivedDate: r.receivedDate,
    resolvedDate: r.resolvedDate,
    deadline: r.deadline,
    ownerId: r.assigneeId ?? r.reporterId,
  };
}

/**
 * What the weekly progress is computed from (see summarizeWeek): counts where a count is all
 * it shows, rows only for the overdue cases it lists. Each query reads an index range
 * (received_date…, status+resolved_date, status+deadline), not ten years of cases.
 */
export async function loadProgressRows(
  db: Db,
  o: { week: DayRange; receivedSince: string; today: string },
): Promise<{ received: ReceivedTally[]; resolvedInWeek: number; openTotal: number; late: ProgressCase[]; sessions: ProgressSession[] }> {
  const [received, resolvedInWeek, openTotal, late, sessions] = await Promise.all([
    db.enterpriseCase.groupBy({ by: ['receivedDate', 'category', 'status'], where: { receivedDate: { gte: o.receivedSince, lte: o.week.to } }, _count: { _all: true } }),
    db.enterpriseCase.count({ where: { status: 'resolved', resolvedDate: { gte: o.week.from, lte: o.week.to } } }),
    db.enterpriseCase.count({ where: { status: { in: OPEN_STATUSES } } }),
    db.enterpriseCase.findMany({ where: { status: { in: OPEN_STATUSES }, deadline: { lt: o.today } }, select: caseSelect, orderBy: { code: 'asc' } }),
    db.studySession.findMany({
      where: { heldDate: { gte: o.week.from, lte: o.week.to } },
      select: { heldDate: true, attendances: { select: { status: true } } },
    }),
  ]);
  return {
    received: tallies(received),
    resolvedInWeek,
    openTotal,
    late: late.map(toProgressCase),
    sessions: sessions.map((s) => ({ heldDate: s.heldDate, attendance: s.attendances.map((a) => a.status) })),
  };
}

function tallies(rows: Array<{ receivedDate: string; category: string; status: string; _count: { _all: number } }>): ReceivedTally[] {
  const byDay = new Map<string, ReceivedTally>();
  for (const r of rows) {
    const key = `${r.receivedDate} ${r.category}`;
    let t = byDay.get(key);
    if (!t) byDay.set(key, (t = { receivedDate: r.receivedDate, category: r.category, cases: 0, resolved: 0 }));
    t.cases += r._count._all;
    if (r.status === 'resolved') t.resolved += r._count._all;
  }
  return [...byDay.values()];
}
