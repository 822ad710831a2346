import { isOpenId } from '../../domain/people/open-id.js';
import { AppError } from '../../errors.js';
import { caseAssignedNotice } from '../../presentation/messages/case-messages.js';
import { assignCase } from '../../store/cases/change-case.js';
import { card } from '../../bot/message.js';
import { outboxRowOf } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import type { ActionContext } from '../../bot/context.js';
import type { ActionHandler } from '../../bot/registry.js';
import { caseCardFor, caseCardWith, pickerPeople } from '../case-card-for.js';
import { caseAnswer, openCaseToHandle, unchangedAnswer } from './case-action-kit.js';
import { withLedger } from '../../cloud/base/ledger-notice.js';

/** The person picked in the card (select_person gives an open_id; a list when multiple). */
function assigneeOf(ctx: ActionContext): string | undefined {
  const v = ctx.action.formValue?.assignee ?? ctx.action.value.assignee ?? ctx.action.option;
  const id = Array.isArray(v) ? v[0] : v;
  return typeof id === 'string' && isOpenId(id.trim()) ? id.trim() : undefined;
}

/** 指派: gives the case to a person, who gets the case card in a direct message. */
export const caseAssignAction: ActionHandler = {
  id: 'case.assign',
  async run(ctx) {
    const got = await openCaseToHandle(ctx, '指派');
    if ('answer' in got) return got.answer;
    const c = got.case;
    const assigneeId = assigneeOf(ctx);
    if (!assigneeId) throw new AppError('invalid_input', '请选择承办人', { field: 'assignee' });
    // The assignee's notice is stored with the change: a failure between the two cannot lose it.
    const people = await pickerPeople(ctx);
    const notices = (changed: CaseWithHistory) => {
      const dm = caseCardWith(ctx, changed, people, caseAssignedNotice(changed));
      return [outboxRowOf({ kind: 'message', to: { openId: assigneeId }, message: card(dm), uuid: stableUuid(`${ctx.eventId}:assigned:${assigneeId}`) })];
    };
    const r = await assignCase(ctx.db, { code: c.code, actor: ctx.user, assigneeId, at: ctx.clock.now(), notices: withLedger(ctx.config, ctx.eventId, notices) });
    if (!r.changed) return caseAnswer(ctx, r.case, { type: 'info', content: '该诉求已由此人承办，无需重复指派' });
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 已指派，承办人已收到通知` });
  },
};
