import { parseCaseCode } from '../../domain/cases/case-code.js';
import { canHandle, isOpen } from '../../domain/cases/case-rules.js';
import { AppError } from '../../errors.js';
import { findCaseByCode } from '../../store/cases/find-cases.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import type { ActionContext, HandlerContext } from '../../bot/context.js';
import type { CardAnswer } from '../../bot/card-answer.js';
import { caseCardFor } from '../case-card-for.js';

/** Shared steps of the case card's actions: which case, today, and the answer with the card redrawn. */

/** The case a button belongs to (its value carries the code). */
export async function caseOfAction(ctx: ActionContext): Promise<CaseWithHistory> {
  const raw = ctx.action.value.code;
  const code = typeof raw === 'string' ? parseCaseCode(raw) : undefined;
  if (!code) throw new AppError('invalid_input', '该卡片缺少诉求编号，请发送 /诉求 <编号> 重新打开');
  const c = await findCaseByCode(ctx.db, code);
  if (!c) throw new AppError('not_found', `未找到编号为 ${code} 的诉求`);
  return c;
}

export async function caseAnswer(ctx: HandlerContext, c: CaseWithHistory, toast: NonNullable<CardAnswer['toast']>, notice?: string): Promise<CardAnswer> {
  return { toast, card: await caseCardFor(ctx, c, notice) };
}

/** The answer when a case is already past the step that was clicked: say so, redraw, change nothing. */
export function unchangedAnswer(ctx: HandlerContext, c: CaseWithHistory): Promise<CardAnswer> {
  const why =
    c.status === 'resolved'
      ? `该诉求已于${c.resolvedDate ?? ''}办结，无需重复操作`
      : c.status === 'returned'
        ? '该诉求已退回，不能再办理'
        : c.status === 'in_progress'
          ? '该诉求已在办理中'
          : '该诉求状态未变化';
  return caseAnswer(ctx, c, { type: 'info', content: why });
}

/**
 * The open case a reporter, assignee or admin may act on (`deed`: 「办结」「退回」「指派」).
 * A closed case gives the answer to send instead; anyone else gets a forbidden error.
 */
export async function openCaseToHandle(ctx: ActionContext, deed: string): Promise<{ case: CaseWithHistory } | { answer: CardAnswer }> {
  const c = await caseOfAction(ctx);
  if (!isOpen(c.status)) return { answer: await unchangedAnswer(ctx, c) };
  if (!canHandle(ctx.user, c)) throw new AppError('forbidden', `仅上报人、承办人或管理员可以${deed}该诉求`);
  return { case: c };
}
