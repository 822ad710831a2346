import { composeWeeklyProgress } from '../progress/weekly-progress-post.js';
import type { CommandHandler } from '../../bot/registry.js';

/** /周报: the weekly progress post at once, in this chat. */
export const weeklyReportCommand: CommandHandler = {
  id: 'weekly-report',
  names: ['周报', 'weekly'],
  usage: '/周报',
  summary: '查看本周工作进展（诉求办理、超期情况、会前学法）',
  async run(ctx) {
    const now = ctx.clock.now();
    const { progress, message } = await composeWeeklyProgress(ctx, { at: now, now });
    await ctx.reply(message);
    const picture = await ctx.weeklyChartPicture?.(progress);
    if (picture) await ctx.sendFile({ chatId: ctx.chat.chatId }, picture);
  },
};
