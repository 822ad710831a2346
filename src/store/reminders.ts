import { OPEN_STATUSES } from '../domain/cases/categories.js';
import type { OpenCase } from '../domain/reminders/plan-reminders.js';
import type { Db } from './database.js';
import { insertNotices, type Notice } from './outbox-rows.js';

/** The actor recorded in a case's history for what the bot does on its own. */
export const SYSTEM_ACTOR = 'system';

/** Every open case (登记, 办理中) with its enterprise and the person who answers for it. */
export async function listOpenCases(db: Db): Promise<OpenCase[]> {
  const rows = await db.enterpriseCase.findMany({
    where: { status: { in: OPEN_STATUSES } },
    select: { id: true, code: true, category: true, deadline: true, assigneeId: true, reporterId: true, enterprise: { select: { name: true } } },
    orderBy: { code: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, code: r.code, category: r.category, deadline: r.deadline, enterprise: r.enterprise.name, ownerId: r.assigneeId ?? r.reporterId }));
}

/** Those of `openIds` who muted their reminders with /提醒 关闭. */
export async function mutedAmong(db: Db, openIds: string[]): Promise<Set<string>> {
  const rows = await db.user.findMany({ where: { openId: { in: openIds }, remindersMuted: true }, select: { openId: true } });
  return new Set(rows.map((r) => r.openId));
}

/** Escalation notes already in the history of these cases. */
export async function escalationNotes(db: Db, caseIds: number[]): Promise<Map<number, string[]>> {
  const rows = await db.caseEvent.findMany({ where: { caseId: { in: caseIds }, kind: 'escalate' }, select: { caseId: true, note: true } });
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.note ?? '']);
  return out;
}

/** The 督办 in the case's history, with the rows that tell about it (its Base record's 督办次数) in the same transaction. */
export async function recordEscalation(db: Db, escalation: { caseId: number; note: string; at: Date; notices?: Notice[] }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.caseEvent.create({ data: { caseId: escalation.caseId, at: escalation.at, actorId: SYSTEM_ACTOR, kind: 'escalate', note: escalation.note } });
    await insertNotices(tx, escalation.notices ?? [], escalation.at);
  });
}

/** /提醒 关闭|开启. `name` is used only when the person is not in the users table yet. */
export async function setRemindersMuted(db: Db, choice: { openId: string; muted: boolean; name: string }): Promise<void> {
  await db.user.upsert({
    where: { openId: choice.openId },
    create: { openId: choice.openId, name: choice.name, source: 'contact', remindersMuted: choice.muted },
    update: { remindersMuted: choice.muted },
  });
}

export async function remindersMuted(db: Db, openId: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { openId }, select: { remindersMuted: true } }))?.remindersMuted ?? false;
}
