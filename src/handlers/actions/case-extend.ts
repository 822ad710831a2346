import { canExtend, extensionStillOpen, isOpen } from '../../domain/cases/case-rules.js';
import { LIMITS, requiredText } from '../../domain/cases/report-form.js';
import { pickerDay } from '../../domain/dates/days.js';
import { AppError } from '../../errors.js';
import { extendCase } from '../../store/cases/change-case.js';
import type { ActionHandler } from '../../bot/registry.js';
import { caseAnswer, caseOfAction, unchangedAnswer } from './case-action-kit.js';
import { todayOf } from '../today.js';
import { formText } from './form-text.js';
import { withLedger } from '../../cloud/base/ledger-notice.js';

/** 延期 (admins only): a later deadline and the reason. */
export const caseExtendAction: ActionHandler = {
  id: 'case.extend',
  async run(ctx) {
    const c = await caseOfAction(ctx);
    if (!isOpen(c.status)) return unchangedAnswer(ctx, c);
    if (!canExtend(ctx.user)) throw new AppError('forbidden', '仅管理员可以延期');
    if (!extensionStillOpen(c, todayOf(ctx))) {
      throw new AppError('invalid_input', `该诉求已超过办理期限（${c.deadline}），不能再延期；延期须在期限届满前办理`, { field: 'new_deadline' });
    }
    const raw = formText(ctx, 'new_deadline');
    if (!raw) throw new AppError('invalid_input', '请选择新办理期限', { field: 'new_deadline' });
    const newDeadline = pickerDay(raw);
    if (!newDeadline) throw new AppError('invalid_input', '新办理期限格式不正确，请用日期选择器选择', { field: 'new_deadline' });
    const reason = requiredText(formText(ctx, 'reason'), 'reason', LIMITS.reason);
    const r = await extendCase(ctx.db, { code: c.code, actor: ctx.user, newDeadline, reason, at: ctx.clock.now(), notices: withLedger(ctx.config, ctx.eventId) });
    if (!r.changed) return unchangedAnswer(ctx, r.case);
    return caseAnswer(ctx, r.case, { type: 'success', content: `${c.code} 办理期限已延至 ${newDeadline}` });
  },
};
