import { canReadCase } from '../../domain/cases/case-rules.js';
import { caseOutlineText } from '../../presentation/messages/case-outline.js';
import { card, text } from '../../bot/message.js';
import { caseNamedIn } from './case-named.js';
import type { CommandHandler } from '../../bot/registry.js';
import { caseCardFor } from '../case-card-for.js';
import { todayOf } from '../today.js';

/** /诉求 <编号>: the case card with fields, deadline, history and actions. */
export const caseShowCommand: CommandHandler = {
  id: 'case.show',
  names: ['诉求', 'case'],
  usage: '/诉求 <编号>',
  summary: '查看诉求详情、办理期限和办理记录，并可办结',
  async run(ctx) {
    const c = await caseNamedIn(ctx, '诉求');
    if (!c) return;
    if (!canReadCase(ctx.user, c)) return ctx.reply(text(caseOutlineText(c, todayOf(ctx))));
    await ctx.reply(card(await caseCardFor(ctx, c)));
  },
};
