import { OPEN_STATUSES } from '../domain/cases/categories.js';
import type { DayRange } from '../domain/progress/report-week.js';
import type { ProgressCase, ProgressSession, ReceivedTally } from '../domain/progress/weekly-progress.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './database.js';
import { listFollowupsDue } from './cases/followups-due.js';

const OPEN = Prisma.join(OPEN_STATUSES);

/**
 * The open cases past their deadline with their firm's name, in one join (Prisma's include
 * reads the firms in a second query and maps each row: several times the CPU for the
 * thousands of rows ten years can leave). Quoted aliases read the same on every database.
 */
function lateCases(db: Db, today: string): Promise<ProgressCase[]> {
  return db.$queryRaw<ProgressCase[]>`
    SELECT c.code AS "code", c.category AS "category", c.status AS "status", e.name AS "enterprise",
           c.received_date AS "receivedDate", c.resolved_date AS "resolvedDate", c.deadline AS "deadline",
           COALESCE(c.assignee_id, c.reporter_id) AS "ownerId"
    FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
    WHERE c.status IN (${OPEN}) AND c.deadline < ${today}
    ORDER BY c.code`;
}

/**
 * What the weekly progress is computed from (see summarizeWeek): counts where a count is all
 * it shows, rows only for the overdue cases it lists. Each query reads an index range
 * (received_date…, status+resolved_date, status+deadline), not ten years of cases.
 */
export async function loadProgressRows(
  db: Db,
  o: { week: DayRange; receivedSince: string; today: string; followupCutoff: string },
): Promise<{ received: ReceivedTally[]; resolvedInWeek: number; openTotal: number; late: ProgressCase[]; sessions: ProgressSession[]; followupsDue: number }> {
  const [received, resolvedInWeek, openTotal, late, sessions, followups] = await Promise.all([
    db.enterpriseCase.groupBy({ by: ['receivedDate', 'category', 'status'], where: { receivedDate: { gte: o.receivedSince, lte: o.week.to } }, _count: { _all: true } }),
    db.enterpriseCase.count({ where: { status: 'resolved', resolvedDate: { gte: o.week.from, lte: o.week.to } } }),
    db.enterpriseCase.count({ where: { status: { in: OPEN_STATUSES } } }),
    lateCases(db, o.today),
    db.studySession.findMany({
      where: { heldDate: { gte: o.week.from, lte: o.week.to } },
      select: { heldDate: true, attendances: { select: { status: true } } },
    }),
    listFollowupsDue(db, { today: o.today, resolvedBy: o.followupCutoff }),
  ]);
  return {
    received: tallies(received),
    resolvedInWeek,
    openTotal,
    late,
    sessions: sessions.map((s) => ({ heldDate: s.heldDate, attendance: s.attendances.map((a) => a.status) })),
    followupsDue: followups.length,
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
