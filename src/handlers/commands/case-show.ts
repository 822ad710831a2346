import { parseCaseCode } from '../../domain/cases/case-code.js';
import { canReadCase } from '../../domain/cases/case-rules.js';
import { caseOutlineText } from '../../presentation/messages/case-outline.js';
import { findCaseByCode } from '../../store/cases/find-cases.js';
import { card, text } from '../../bot/message.js';
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
    const code = parseCaseCode(ctx.args);
    if (!code) {
      await ctx.reply(text('请在指令后附上诉求编号，例如：/诉求 QY2023-0007'));
      return;
    }
    const c = await findCaseByCode(ctx.db, code);
    if (!c) {
      await ctx.reply(text(`未找到编号为 ${code} 的诉求，请核对编号。`));
      return;
    }
    if (!canReadCase(ctx.user, c)) return ctx.reply(text(caseOutlineText(c, todayOf(ctx))));
    await ctx.reply(card(await caseCardFor(ctx, c)));
  },
};
