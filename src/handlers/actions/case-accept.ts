import { canHandle } from '../../domain/cases/case-rules.js';
import { AppError } from '../../errors.js';
import { acceptCase } from '../../store/cases/change-case.js';
import type { ActionHandler } from '../../bot/registry.js';
import { caseAnswer, caseOfAction, unchangedAnswer } from './case-action-kit.js';
import { withLedger } from '../../cloud/base/ledger-notice.js';

/** 受理: 登记 → 办理中. */
export const caseAcceptAction: ActionHandler = {
  id: 'case.accept',
  async run(ctx) {
    const c = await caseOfAction(ctx);
    if (!canHandle(ctx.user, c)) throw new AppError('forbidden', '仅上报人、承办人或管理员可以办理该诉求');
    const r = await acceptCase(ctx.db, { code: c.code, actor: ctx.user, at: ctx.clock.now(), notices: withLedger(ctx.config, ctx.eventId) });
    if (!r.changed) return unchangedAnswer(ctx, r.case);
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 已受理，进入办理中` });
  },
};
