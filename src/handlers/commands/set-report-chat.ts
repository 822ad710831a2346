import { Cron } from 'croner';
import { minuteIn } from '../../domain/dates/days.js';
import { AppError } from '../../errors.js';
import { setReportChat } from '../../store/report-chat.js';
import { text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';

/** /设置周报群: admins only; this chat receives the weekly progress from now on. */
export const setReportChatCommand: CommandHandler = {
  id: 'set-report-chat',
  names: ['设置周报群'],
  usage: '/设置周报群',
  summary: '将本群设为每周工作进展的接收群',
  adminOnly: true,
  async run(ctx) {
    if (!ctx.user.isAdmin) throw new AppError('forbidden', '仅管理员可以设置周报群。如需调整，请联系管理员。');
    await setReportChat(ctx.db, { chatId: ctx.chat.chatId, by: ctx.user.openId, at: ctx.clock.now() });
    const where = ctx.chat.chatType === 'group' ? '本群' : '本会话';
    const tz = ctx.config.BOT_TIMEZONE;
    const next = new Cron(ctx.config.BOT_WEEKLY_CRON, { timezone: tz, paused: true }).nextRun(ctx.clock.now());
    const when = next ? `，下次发送时间为 ${minuteIn(next, tz)}` : '';
    await ctx.reply(text(`已设置：每周工作进展将发送至${where}${when}。发送 /周报 可随时查看。`));
  },
};
