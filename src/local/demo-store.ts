import type { Db } from '../store/database.js';
import { normalizeEnterpriseName } from '../domain/cases/enterprise-name.js';
import { DEMO_PEOPLE } from './demo-people.js';
import { demoCases, demoSessions, type DemoCase, type DemoSession } from './demo-year.js';

export class DemoDataRefused extends Error {}

/** Noon in Beijing of a day, as the instant stored for events of that day. */
const instant = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);


export interface DemoSummary {
  year: number;
  cases: number;
  resolved: number;
  late: number;
  open: number;
  sessions: number;
  replaced: number;
}

/**
 * Fills a year with demo data. A second run replaces the earlier demo rows of that year;
 * a year that already holds cases not made by this script is refused, so demo figures
 * never mix with real ones.
 */
export async function fillDemoYear(db: Db, period: { year: number; today: string }): Promise<DemoSummary> {
  const real = await db.enterpriseCase.count({ where: { year: period.year, NOT: { source: 'demo' } } });
  if (real > 0) throw new DemoDataRefused(`${period.year}年已有 ${real} 件非演示诉求，为免混淆，未写入演示数据。`);
  const cases = demoCases(period.year, period.today);
  const sessions = demoSessions(period.year, period.today);
  let replaced = 0;
  await db.$transaction(async (tx) => {
    const old = await tx.enterpriseCase.findMany({ where: { year: period.year, source: 'demo' }, select: { id: true } });
    replaced = old.length;
    await tx.caseEvent.deleteMany({ where: { caseId: { in: old.map((c) => c.id) } } });
    await tx.enterpriseCase.deleteMany({ where: { id: { in: old.map((c) => c.id) } } });
    const oldSessions = await tx.studySession.findMany({ where: { sourceKey: { startsWith: `demo:study:${period.year}:` } }, select: { id: true } });
    await tx.studyAttendance.deleteMany({ where: { sessionId: { in: oldSessions.map((s) => s.id) } } });
    await tx.studySession.deleteMany({ where: { id: { in: oldSessions.map((s) => s.id) } } });
    for (const p of DEMO_PEOPLE) {
      await tx.user.upsert({ where: { openId: p.openId }, create: { openId: p.openId, name: p.name, source: 'contact' }, update: { name: p.name } });
    }
    for (const c of cases) await insertCase(tx as Db, c);
    for (const s of sessions) await insertSession(tx as Db, s);
  });
  const resolved = cases.filter((c) => c.status === 'resolved');
  const late = cases.filter((c) => (c.resolvedDate ?? period.today) > c.deadline && c.status !== 'returned');
  return {
    year: period.year,
    cases: cases.length,
    resolved: resolved.length,
    late: late.length,
    open: cases.filter((c) => c.status === 'registered' || c.status === 'in_progress').length,
    sessions: sessions.length,
    replaced,
  };
}

async function insertCase(db: Db, c: DemoCase): Promise<void> {
  const normalizedName = normalizeEnterpriseName(c.enterprise);
  const ent = await db.enterprise.upsert({ where: { normalizedName }, create: { name: c.enterprise, normalizedName }, update: {} });
  const created = instant(c.receivedDate);
  const history: Array<{ at: Date; actorId: string; kind: string; fromStatus?: string; toStatus?: string; note?: string }> = [
    { at: created, actorId: c.reporterId, kind: 'created', toStatus: 'registered' },
  ];
  if (c.status !== 'registered') history.push({ at: instant(c.receivedDate, 15), actorId: c.assigneeId, kind: 'status', fromStatus: 'registered', toStatus: c.status === 'returned' ? 'returned' : 'in_progress', ...(c.returnReason ? { note: c.returnReason } : {}) });
  if (c.status === 'resolved') history.push({ at: instant(c.resolvedDate!, 16), actorId: c.assigneeId, kind: 'status', fromStatus: 'in_progress', toStatus: 'resolved', note: c.resolution! });
  await db.enterpriseCase.create({
    data: {
      code: c.code,
      year: c.year,
      seq: c.seq,
      enterpriseId: ent.id,
      category: c.category,
      content: c.content,
      department: c.department,
      receivedDate: c.receivedDate,
      deadlineDays: c.deadlineDays,
      originalDeadline: c.deadline,
      deadline: c.deadline,
      status: c.status,
      reporterId: c.reporterId,
      assigneeId: c.assigneeId,
      resolution: c.resolution ?? null,
      resolvedDate: c.resolvedDate ?? null,
      resolvedBy: c.status === 'resolved' ? c.assigneeId : null,
      returnReason: c.returnReason ?? null,
      sourceKey: `demo:case:${c.code}`,
      source: 'demo',
      createdAt: created,
      history: { create: history },
    },
  });
}

async function insertSession(db: Db, s: DemoSession): Promise<void> {
  await db.studySession.create({
    data: {
      topic: s.topic,
      chatId: s.chatId,
      openedBy: s.openedBy,
      heldDate: s.heldDate,
      openedAt: instant(s.heldDate, 8),
      closedAt: instant(s.heldDate, 12),
      sourceKey: s.key,
      attendances: { create: s.attendances.map((a) => ({ openId: a.openId, status: a.status, reason: a.reason ?? null, recordedBy: a.openId })) },
    },
  });
}
