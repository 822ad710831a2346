import { canHandle, isOpen } from '../../domain/cases/case-rules.js';
import { LIMITS, requiredText } from '../../domain/cases/report-form.js';
import { AppError } from '../../errors.js';
import { returnCase } from '../../store/cases/change-case.js';
import type { ActionHandler } from '../types.js';
import { caseAnswer, caseOfAction, formText, unchangedAnswer } from './case-action-kit.js';

/** 退回: not the bureau's remit; the reason is required. */
export const caseReturnAction: ActionHandler = {
  id: 'case.return',
  async run(ctx) {
    const c = await caseOfAction(ctx);
    if (!isOpen(c.status)) return unchangedAnswer(ctx, c);
    if (!canHandle(ctx.user, c)) throw new AppError('forbidden', '仅上报人、承办人或管理员可以退回该诉求');
    const reason = requiredText(formText(ctx, 'reason'), 'reason', LIMITS.reason);
    const r = await returnCase(ctx.db, { code: c.code, actor: ctx.user, reason, at: ctx.clock.now() });
    if (!r.changed) return unchangedAnswer(ctx, r.case);
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 已退回` });
  },
};
