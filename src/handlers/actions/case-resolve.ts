import { LIMITS, pickedDay, requiredText } from '../../domain/cases/report-form.js';
import { caseResolvedText } from '../../presentation/messages/case-messages.js';
import { resolveCase } from '../../store/cases/change-case.js';
import { text } from '../../bot/message.js';
import { outboxRowOf } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import type { ActionHandler } from '../../bot/registry.js';
import { caseAnswer, openCaseToHandle, unchangedAnswer } from './case-action-kit.js';
import { todayOf } from '../today.js';
import { formText } from './form-text.js';
import { withLedger } from '../../cloud/base/ledger-notice.js';

/** 办结: by the reporter, the assignee or an admin; tells every leader once. */
export const caseResolveAction: ActionHandler = {
  id: 'case.resolve',
  async run(ctx) {
    const got = await openCaseToHandle(ctx, '办结');
    if ('answer' in got) return got.answer;
    const c = got.case;
    const resolution = requiredText(formText(ctx, 'resolution'), 'resolution', LIMITS.resolution);
    const resolvedDate = pickedDay(formText(ctx, 'resolved_date'), 'resolved_date', {
      today: todayOf(ctx),
      notBefore: c.receivedDate,
      notBeforeLabel: `受理日期（${c.receivedDate}）`,
    });
    // The leaders' notice is stored with the change: a failure between the two cannot lose it.
    const notices = (changed: CaseWithHistory) =>
      ctx.config.BOT_LEADERS.map((leader) =>
        outboxRowOf({ kind: 'message', to: { openId: leader }, message: text(caseResolvedText(changed)), uuid: stableUuid(`${ctx.eventId}:resolved:${leader}`) }),
      );
    const r = await resolveCase(ctx.db, { code: c.code, actor: ctx.user, resolution, resolvedDate, at: ctx.clock.now(), notices: withLedger(ctx.config, ctx.eventId, notices) });
    if (!r.changed) return unchangedAnswer(ctx, r.case);
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 已办结` });
  },
};
