import { myCasesCard } from '../../presentation/cards/my-cases-card.js';
import { listOpenCasesFor } from '../../store/cases/find-cases.js';
import { card, text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { todayOf } from '../today.js';

/** /我的: the sender's open cases (reported or assigned), nearest deadline first. */
export const myCasesCommand: CommandHandler = {
  id: 'case.mine',
  names: ['我的', 'mine'],
  usage: '/我的',
  summary: '查看我上报或承办的未办结诉求及剩余期限',
  async run(ctx) {
    const cases = await listOpenCasesFor(ctx.db, ctx.user.openId);
    if (cases.length === 0) await ctx.reply(text('您目前没有未办结的诉求。'));
    else await ctx.reply(card(myCasesCard(cases, todayOf(ctx))));
  },
};
