import type { Actor } from '../../domain/cases/case-rules.js';
import { isCategory } from '../../domain/cases/categories.js';
import { followupNote, type FollowupInput } from '../../domain/cases/followup.js';
import { DEADLINE_WORKING_DAYS, deadlineFor, provisionalNote } from '../../domain/deadlines/deadline-table.js';
import type { Db } from '../database.js';
import { isUniqueViolation } from '../unique-violation.js';
import { assertYearOpen } from '../report/year-seal.js';
import { withHistory, type CaseWithHistory } from './case-types.js';
import { loadCase, storeNotices, type Notice } from './change-case.js';

export interface FollowupResult {
  case: CaseWithHistory;
  /** False when the case is not resolved, or its resolution already has its 回访. */
  recorded: boolean;
  /** True when a 不满意 回访 sent the case back to 办理中. */
  reopened: boolean;
}

/**
 * Records the 回访 of a case's current resolution, with its history row, in one transaction.
 * 不满意 reopens the case there too: back to 办理中, the resolution's fields cleared (the
 * history keeps its 办结 row), a new deadline of the category's working days counted from the
 * 回访 date, and `notices` (owner, leaders) stored with the change. A second 回访 of the same
 * resolution (two clicks at once included) records nothing: the unique index decides.
 */
export async function recordFollowup(
  db: Db,
  f: { code: string; actor: Actor; at: Date; input: FollowupInput; notices?: (reopened: CaseWithHistory) => Notice[] },
): Promise<FollowupResult> {
  const c = await loadCase(db, f.code);
  if (c.status !== 'resolved' || !c.resolvedDate || c.followups?.some((x) => x.resolutionNo === c.resolutionNo)) return { case: c, recorded: false, reopened: false };
  const resolvedDate = c.resolvedDate;
  const reopen = f.input.satisfaction === 'dissatisfied';
  // Reopening clears a recorded resolution: in a sealed year that would change its filed figures.
  if (reopen) await assertYearOpen(db, c.year, `因回访不满意重新办理${c.code}（会撤销已记录的办结）`);
  // The category's working days; a category the bot no longer knows keeps the case's own.
  const due = reopen ? (isCategory(c.category) ? deadlineFor(c.category, f.input.visitDate) : deadlineFor('other', f.input.visitDate, { ...DEADLINE_WORKING_DAYS, other: c.deadlineDays })) : undefined;
  let recorded: boolean;
  try {
    recorded = await db.$transaction(async (tx) => {
      // Guarded on the resolution judged: a case reopened meanwhile is not judged twice.
      const guard = { id: c.id, status: 'resolved', resolutionNo: c.resolutionNo };
      const data = due
        ? { status: 'in_progress', resolutionNo: c.resolutionNo + 1, resolution: null, resolvedDate: null, resolvedBy: null, deadline: due.deadline, deadlineDays: due.days, deadlineProvisional: due.provisional }
        : {};
      const res = await tx.enterpriseCase.updateMany({ where: guard, data: { ...data, updatedAt: f.at } });
      if (res.count === 0) return false;
      const { input } = f;
      await tx.caseFollowup.create({
        data: { caseId: c.id, resolutionNo: c.resolutionNo, resolvedDate, method: input.method, visitDate: input.visitDate, satisfaction: input.satisfaction, opinion: input.opinion, actorId: f.actor.openId, createdAt: f.at },
      });
      await tx.caseEvent.create({ data: { caseId: c.id, at: f.at, actorId: f.actor.openId, kind: 'followup', fromStatus: 'resolved', toStatus: 'resolved', note: followupNote(input) } });
      if (due) {
        const provisional = due.provisional ? `；${provisionalNote(due.uncoveredYear)}` : '';
        const note = `回访不满意，重新办理；办理期限${due.deadline}（自回访日期起${due.days}个工作日）${provisional}`;
        await tx.caseEvent.create({ data: { caseId: c.id, at: f.at, actorId: f.actor.openId, kind: 'status', fromStatus: 'resolved', toStatus: 'in_progress', note } });
        if (f.notices) await storeNotices(tx, f.notices(await tx.enterpriseCase.findUniqueOrThrow({ where: { id: c.id }, include: withHistory })), f.at);
      }
      return true;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    recorded = false;
  }
  return { case: await loadCase(db, f.code), recorded, reopened: recorded && reopen };
}
