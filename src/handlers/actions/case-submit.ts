import { withLedger } from '../../cloud/base/ledger-notice.js';
import { parseReportForm } from '../../domain/cases/report-form.js';
import { createCase } from '../../store/cases/create-case.js';
import { findCaseByCode, findCaseBySourceKey } from '../../store/cases/find-cases.js';
import type { CaseRecord, CaseWithHistory } from '../../store/cases/case-types.js';
import type { ActionContext } from '../../bot/context.js';
import type { ActionHandler } from '../../bot/registry.js';
import type { CardAnswer } from '../../bot/card-answer.js';
import { caseAnswer } from './case-action-kit.js';
import { todayOf } from '../today.js';
import { timeStep } from '../../util/step-timings.js';
import { AppError } from '../../errors.js';
import { sealedMessage, sealInForce } from '../../store/report/year-seal.js';

/**
 * 提交 on the report card: validate, store one case per card (the card's message id is the
 * case's source key), answer with the case card in place of the form.
 */
export const caseSubmitAction: ActionHandler = {
  id: 'case.submit',
  async run(ctx) {
    const sourceKey = ctx.messageId || undefined;
    // The card's earlier case is found inside createCase's transaction (one round trip less
    // per 提交); a form that no longer reads as valid still gets the earlier case first.
    let input;
    try {
      input = parseReportForm(ctx.action.formValue, todayOf(ctx));
    } catch (e) {
      const existing = sourceKey ? await findCaseBySourceKey(ctx.db, sourceKey) : null;
      if (existing) return alreadyStored(ctx, existing);
      throw e;
    }
    // A case received in a sealed year would change its filed figures (the card's own case, stored before the seal, is still shown).
    const year = Number(input.receivedDate.slice(0, 4));
    if (await sealInForce(ctx.db, year)) {
      const existing = sourceKey ? await findCaseBySourceKey(ctx.db, sourceKey) : null;
      if (existing) return alreadyStored(ctx, existing);
      throw new AppError('conflict', sealedMessage(year, `登记受理日期在${year}年的诉求`), { field: 'received_date' });
    }
    const { case: c, created } = await timeStep('store', () =>
      createCase(ctx.db, {
        ...input,
        reporterId: ctx.user.openId,
        ...(sourceKey ? { sourceKey } : {}),
        ...(ctx.chat.chatId ? { chatId: ctx.chat.chatId } : {}),
        at: ctx.clock.now(),
        // The case's Base record, stored with it (keyed by the case: one upsert per case created).
        notices: withLedger(ctx.config, 'created'),
      }),
    );
    if (!created) return alreadyStored(ctx, c);
    return caseAnswer(
      ctx,
      c,
      { type: 'success', content: `已登记，编号 ${c.code}，办理期限 ${c.deadline}` },
      `✅ 已登记为 **${c.code}**，请在办理期限 **${c.deadline}** 前办结。`,
    );
  },
};

async function alreadyStored(ctx: ActionContext, c: CaseRecord): Promise<CardAnswer> {
  const full = 'history' in c ? (c as CaseWithHistory) : (await findCaseByCode(ctx.db, c.code))!;
  return caseAnswer(ctx, full, { type: 'warning', content: `该卡片已登记为诉求 ${c.code}，请勿重复提交` });
}
