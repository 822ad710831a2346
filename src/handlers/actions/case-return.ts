import { LIMITS, requiredText } from '../../domain/cases/report-form.js';
import { returnCase } from '../../store/cases/change-case.js';
import type { ActionHandler } from '../../bot/registry.js';
import { caseAnswer, openCaseToHandle, unchangedAnswer } from './case-action-kit.js';
import { formText } from './form-text.js';
import { withLedger } from '../../cloud/base/ledger-notice.js';

/** 退回: not the bureau's remit; the reason is required. */
export const caseReturnAction: ActionHandler = {
  id: 'case.return',
  async run(ctx) {
    const got = await openCaseToHandle(ctx, '退回');
    if ('answer' in got) return got.answer;
    const c = got.case;
    const reason = requiredText(formText(ctx, 'reason'), 'reason', LIMITS.reason);
    const r = await returnCase(ctx.db, { code: c.code, actor: ctx.user, reason, at: ctx.clock.now(), notices: withLedger(ctx.config, ctx.eventId) });
    if (!r.changed) return unchangedAnswer(ctx, r.case);
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 已退回` });
  },
};
