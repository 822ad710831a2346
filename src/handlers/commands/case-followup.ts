import { canHandle } from '../../domain/cases/case-rules.js';
import { card, text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { FOLLOWUP_FORBIDDEN, noFollowupReason } from '../actions/case-followup.js';
import { caseCardFor } from '../case-card-for.js';
import { caseNamedIn } from './case-named.js';

/** /回访 <编号>: the case card of a resolved case with its 回访 form, for those who may record it. */
export const caseFollowupCommand: CommandHandler = {
  id: 'case.followup',
  names: ['回访', 'followup'],
  usage: '/回访 <编号>',
  summary: '填写已办结诉求的回访情况（方式、日期、满意度、意见）；不满意的重新办理',
  async run(ctx) {
    const c = await caseNamedIn(ctx, '回访');
    if (!c) return;
    if (!canHandle(ctx.user, c)) return ctx.reply(text(FOLLOWUP_FORBIDDEN));
    const why = noFollowupReason(c);
    await ctx.reply(card(await caseCardFor(ctx, c, why ?? `请在下方填写 ${c.code} 的回访情况。`)));
  },
};
