import type { JobContext } from '../../bot/context.js';
import { reportChat } from '../../store/report-chat.js';
import { text } from '../../bot/message.js';
import { composeWeeklyProgress } from '../progress/weekly-progress-post.js';

export const NO_REPORT_CHAT = '【周报未发送】尚未设置接收每周工作进展的群聊。请在目标群内 @法治助手 发送 /设置周报群（仅管理员），或配置 BOT_REPORT_CHAT_ID。';

/** Posts the weekly progress to the report chat; without one, tells the admins how to set it. */
export async function postWeeklyProgress(ctx: JobContext): Promise<string> {
  const chat = await reportChat(ctx.db, ctx.config);
  if (!chat) {
    for (const admin of ctx.config.BOT_ADMINS) await ctx.send({ openId: admin }, text(NO_REPORT_CHAT), { key: `no-chat:${admin}` });
    ctx.log.warn('no report chat: set one with /设置周报群 or BOT_REPORT_CHAT_ID');
    return '未设置周报群，已提示管理员';
  }
  const { progress, message } = await composeWeeklyProgress(ctx, { at: ctx.scheduledAt, now: ctx.clock.now() });
  await ctx.send({ chatId: chat.chatId }, message, { key: 'post' });
  const picture = await ctx.weeklyChartPicture?.(progress);
  if (picture) await ctx.sendFile({ chatId: chat.chatId }, picture, { key: 'chart' });
  return `已发送至 ${chat.chatId}（新受理${progress.newTotal}件，超期${progress.overdue.length}件）`;
}
