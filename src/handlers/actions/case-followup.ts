import { canHandle } from '../../domain/cases/case-rules.js';
import { followupNote, parseFollowupForm, satisfactionLabel } from '../../domain/cases/followup.js';
import { AppError } from '../../errors.js';
import { needsFollowup } from '../../presentation/cards/case-followup.js';
import { caseReopenedText } from '../../presentation/messages/case-messages.js';
import { recordFollowup } from '../../store/cases/record-followup.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { text } from '../../bot/message.js';
import { outboxRowOf } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import type { ActionHandler } from '../../bot/registry.js';
import type { HandlerContext } from '../../bot/context.js';
import type { CardAnswer } from '../../bot/card-answer.js';
import { caseAnswer, caseOfAction } from './case-action-kit.js';
import { todayOf } from '../today.js';
import { withLedger } from '../../cloud/base/ledger-notice.js';

export const FOLLOWUP_FORBIDDEN = '仅上报人、承办人或管理员可以回访该诉求';

/** Why a case takes no 回访 now, or undefined when it does. */
export function noFollowupReason(c: CaseWithHistory): string | undefined {
  if (needsFollowup(c)) return undefined;
  if (c.status === 'resolved') return `该诉求本次办结（${c.resolvedDate ?? ''}）已回访，每次办结只回访一次`;
  if (c.status === 'returned') return '该诉求已退回，无需回访';
  return '该诉求尚未办结，办结后才能回访';
}

const unchanged = (ctx: HandlerContext, c: CaseWithHistory): Promise<CardAnswer> => caseAnswer(ctx, c, { type: 'info', content: noFollowupReason(c) ?? '回访未记录，请重试' });

/** 回访 after 办结 (reporter, assignee, admins): recorded once per resolution; 不满意 reopens the case. */
export const caseFollowupAction: ActionHandler = {
  id: 'case.followup',
  async run(ctx) {
    const c = await caseOfAction(ctx);
    if (!canHandle(ctx.user, c)) throw new AppError('forbidden', FOLLOWUP_FORBIDDEN);
    if (noFollowupReason(c)) return unchanged(ctx, c);
    const input = parseFollowupForm(ctx.action.formValue, { today: todayOf(ctx), resolvedDate: c.resolvedDate! });
    // The owner and every leader, one notice each (a leader who owns the case gets one).
    const notices = (reopened: CaseWithHistory) =>
      [...new Set([reopened.assigneeId ?? reopened.reporterId, ...ctx.config.BOT_LEADERS])].map((to) =>
        outboxRowOf({ kind: 'message', to: { openId: to }, message: text(caseReopenedText(reopened, followupNote(input))), uuid: stableUuid(`${ctx.eventId}:reopened:${to}`) }),
      );
    const r = await recordFollowup(ctx.db, { code: c.code, actor: ctx.user, at: ctx.clock.now(), input, notices: withLedger(ctx.config, ctx.eventId, notices) });
    if (!r.recorded) return unchanged(ctx, r.case);
    if (r.reopened) return caseAnswer(ctx, r.case, { type: 'warning', content: `${c.code} 回访不满意，已重新进入办理中，办理期限 ${r.case.deadline}` });
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 回访已记录：${satisfactionLabel(input.satisfaction)}` });
  },
};
