import { parseCaseCode } from '../../domain/cases/case-code.js';
import { canHandle } from '../../domain/cases/case-rules.js';
import { findCaseByCode } from '../../store/cases/find-cases.js';
import { card, text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { FOLLOWUP_FORBIDDEN, noFollowupReason } from '../actions/case-followup.js';
import { caseCardFor } from '../case-card-for.js';

/** /回访 <编号>: the case card of a resolved case with its 回访 form, for those who may record it. */
export const caseFollowupCommand: CommandHandler = {
  id: 'case.followup',
  names: ['回访', 'followup'],
  usage: '/回访 <编号>',
  summary: '填写已办结诉求的回访情况（方式、日期、满意度、意见）；不满意的重新办理',
  async run(ctx) {
    const code = parseCaseCode(ctx.args);
    if (!code) return ctx.reply(text('请在指令后附上诉求编号，例如：/回访 QY2023-0007'));
    const c = await findCaseByCode(ctx.db, code);
    if (!c) return ctx.reply(text(`未找到编号为 ${code} 的诉求，请核对编号。`));
    if (!canHandle(ctx.user, c)) return ctx.reply(text(FOLLOWUP_FORBIDDEN));
    const why = noFollowupReason(c);
    await ctx.reply(card(await caseCardFor(ctx, c, why ?? `请在下方填写 ${code} 的回访情况。`)));
  },
};
