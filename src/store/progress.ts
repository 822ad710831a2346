import { OPEN_STATUSES } from '../domain/cases/categories.js';
import type { DayRange } from '../domain/progress/report-week.js';
import type { ProgressCase, ProgressSession } from '../domain/progress/weekly-progress.js';
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

/** The rows the weekly progress is computed from (see summarizeWeek). */
export async function loadProgressRows(
  db: Db,
  period: { week: DayRange; receivedSince: string },
): Promise<{ received: ProgressCase[]; resolvedInWeek: number; open: ProgressCase[]; sessions: ProgressSession[] }> {
  const [received, resolvedInWeek, open, sessions] = await Promise.all([
    db.enterpriseCase.findMany({ where: { receivedDate: { gte: period.receivedSince, lte: period.week.to } }, select: caseSelect, orderBy: { code: 'asc' } }),
    db.enterpriseCase.count({ where: { status: 'resolved', resolvedDate: { gte: period.week.from, lte: period.week.to } } }),
    db.enterpriseCase.findMany({ where: { status: { in: OPEN_STATUSES } }, select: caseSelect, orderBy: { code: 'asc' } }),
    db.studySession.findMany({
      where: { heldDate: { gte: period.week.from, lte: period.week.to } },
      select: { heldDate: true, attendances: { select: { status: true } } },
    }),
  ]);
  return {
    received: received.map(toProgressCase),
    resolvedInWeek,
    open: open.map(toProgressCase),
    sessions: sessions.map((s) => ({ heldDate: s.heldDate, attendance: s.attendances.map((a) => a.status) })),
  };
}
