import { FROM_STATUSES, type Actor, type CaseVerb } from '../../domain/cases/case-rules.js';
import { AppError } from '../../errors.js';
import { assertYearOpen } from '../report/year-seal.js';
import type { Db } from '../database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { insertNotices, type Notice } from '../outbox-rows.js';
import { withHistory, type CaseWithHistory, type DbTx } from './case-types.js';

/**
 * Lifecycle changes; who may act is the handlers' decision (domain/cases/case-rules.ts). Each
 * moves the case only from the statuses its verb allows (a guarded update, so two clicks at once change it once) and writes the
 * history row in the same transaction. `changed` is false when the case was already past
 * that step: callers say so instead of acting twice (no second leader message).
 */
export interface ChangeResult {
  case: CaseWithHistory;
  changed: boolean;
  /** Status before the change. */
  from: string;
}

/** A message that tells about a change, stored in the change's own transaction. */
export type { Notice };

interface Change {
  code: string;
  actor: Actor;
  at?: Date;
  /**
   * Messages about the change (the leaders' 办结 notice, the assignee's 指派 notice), built
   * from the changed case and stored in the same transaction: both happen or neither.
   */
  notices?: (changed: CaseWithHistory) => Notice[];
}

/** Stores messages inside the transaction of the change they tell about. */
export async function storeNotices(tx: DbTx, notices: Notice[], at: Date): Promise<void> {
  await insertNotices(tx, notices, at);
}

export async function loadCase(db: Db, code: string): Promise<CaseWithHistory> {
  const c = await db.enterpriseCase.findUnique({ where: { code }, include: withHistory });
  if (!c) throw new AppError('not_found', `未找到编号为 ${code} 的诉求`);
  return c;
}

async function transition(
  db: Db,
  verb: CaseVerb,
  ch: Change,
  update: (
    c: CaseWithHistory,
  ) => { data: Prisma.EnterpriseCaseUpdateManyMutationInput; guard?: Prisma.EnterpriseCaseWhereInput; kind: string; toStatus?: string; note?: string } | undefined,
): Promise<ChangeResult> {
  const c = await loadCase(db, ch.code);
  const from: readonly string[] = FROM_STATUSES[verb];
  const step = from.includes(c.status) ? update(c) : undefined;
  if (!step) return { case: c, changed: false, from: c.status };
  // A resolution or return already recorded is part of a sealed year's figures (a verb that
  // reopens one, such as 回访 不满意); open cases are still handled.
  if (c.status === 'resolved' || c.status === 'returned') await assertYearOpen(db, c.year, `更改${c.code}已记录的${c.status === 'resolved' ? '办结' : '退回'}`);
  const at = ch.at ?? new Date();
  const changed = await db.$transaction(async (tx) => {
    // `guard`: the value the step was decided on is still there (a change that keeps the status).
    const res = await tx.enterpriseCase.updateMany({ where: { ...step.guard, id: c.id, status: { in: [...from] } }, data: { ...step.data, updatedAt: at } });
    if (res.count === 0) return false;
    await tx.caseEvent.create({
      data: { caseId: c.id, at, actorId: ch.actor.openId, kind: step.kind, fromStatus: c.status, toStatus: step.toStatus ?? c.status, note: step.note ?? null },
    });
    if (ch.notices) {
      const after = await tx.enterpriseCase.findUniqueOrThrow({ where: { id: c.id }, include: withHistory });
      await storeNotices(tx, ch.notices(after), at);
    }
    return true;
  });
  return { case: await loadCase(db, ch.code), changed, from: c.status };
}

/** 登记 → 办理中. */
export function acceptCase(db: Db, ch: Change): Promise<ChangeResult> {
  return transition(db, 'accept', ch, () => ({ data: { status: 'in_progress' }, kind: 'status', toStatus: 'in_progress' }));
}

/** 登记/办理中 → 已办结, with what was done and the day it was done. */
export function resolveCase(db: Db, ch: Change & { resolution: string; resolvedDate: string }): Promise<ChangeResult> {
  return transition(db, 'resolve', ch, () => ({
    data: { status: 'resolved', resolution: ch.resolution, resolvedDate: ch.resolvedDate, resolvedBy: ch.actor.openId },
    kind: 'status',
    toStatus: 'resolved',
    note: `办结日期${ch.resolvedDate}：${ch.resolution}`,
  }));
}

/** 登记/办理中 → 退回 (not the bureau's remit), with the reason. */
export function returnCase(db: Db, ch: Change & { reason: string }): Promise<ChangeResult> {
  return transition(db, 'return', ch, () => ({ data: { status: 'returned', returnReason: ch.reason }, kind: 'status', toStatus: 'returned', note: ch.reason }));
}

/** 延期 (admins only): a later deadline, with the reason. Status unchanged. */
export function extendCase(db: Db, ch: Change & { newDeadline: string; reason: string }): Promise<ChangeResult> {
  return transition(db, 'extend', ch, (c) => {
    if (ch.newDeadline <= c.deadline) throw new AppError('invalid_input', `新办理期限应晚于当前期限（${c.deadline}）`, { field: 'new_deadline' });
    return { data: { deadline: ch.newDeadline, deadlineProvisional: false }, guard: { deadline: c.deadline }, kind: 'extend', note: `期限由${c.deadline}延至${ch.newDeadline}：${ch.reason}` };
  });
}

/** Gives an open case to a person (unchanged when it is theirs already). */
export function assignCase(db: Db, ch: Change & { assigneeId: string }): Promise<ChangeResult> {
  return transition(db, 'assign', ch, (c) => {
    if (c.assigneeId === ch.assigneeId) return undefined;
    return { data: { assigneeId: ch.assigneeId }, guard: { assigneeId: c.assigneeId }, kind: 'assign', note: ch.assigneeId };
  });
}
