import { followupDueCutoff } from '../../domain/cases/followup.js';
import { listFollowupsDue } from '../../store/cases/followups-due.js';
import { myCasesCard } from '../../presentation/cards/my-cases-card.js';
import { listOpenCasesFor } from '../../store/cases/find-cases.js';
import { card, text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { todayOf } from '../today.js';

/** /我的: the sender's open cases (reported or assigned), nearest deadline first, then those they answer for waiting for 回访. */
export const myCasesCommand: CommandHandler = {
  id: 'case.mine',
  names: ['我的', 'mine'],
  usage: '/我的',
  summary: '查看我上报或承办的未办结诉求及剩余期限，以及待回访的诉求',
  async run(ctx) {
    const today = todayOf(ctx);
    const [cases, due] = await Promise.all([listOpenCasesFor(ctx.db, ctx.user.openId), listFollowupsDue(ctx.db, { today, resolvedBy: today, ownerId: ctx.user.openId })]);
    if (cases.length === 0 && due.length === 0) return ctx.reply(text('您目前没有未办结的诉求。'));
    const days = ctx.config.BOT_FOLLOWUP_DAYS;
    await ctx.reply(card(myCasesCard(cases, today, { due, overdueFrom: followupDueCutoff(today, days), days })));
  },
};
