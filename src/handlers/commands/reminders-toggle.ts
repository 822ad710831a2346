import { AppError } from '../../errors.js';
import { remindersMuted, setRemindersMuted } from '../../store/reminders.js';
import { resolveName } from '../people/resolve-name.js';
import { text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';

const OFF = ['关闭', '关', 'off'];
const ON = ['开启', '开', '打开', 'on'];

/** /提醒 关闭|开启: a person mutes or resumes their own daily deadline reminders. */
export const remindersToggleCommand: CommandHandler = {
  id: 'reminders-toggle',
  names: ['提醒', 'remind'],
  usage: '/提醒 关闭|开启',
  summary: '暂停或恢复本人的到期提醒',
  async run(ctx) {
    const arg = ctx.args.toLowerCase();
    if (!arg) {
      const muted = await remindersMuted(ctx.db, ctx.user.openId);
      await ctx.reply(text(`您的到期提醒目前为「${muted ? '已关闭' : '已开启'}」。发送 /提醒 关闭 或 /提醒 开启 进行调整。`));
      return;
    }
    const muted = OFF.includes(arg) ? true : ON.includes(arg) ? false : undefined;
    if (muted === undefined) throw new AppError('invalid_input', '请输入「/提醒 关闭」或「/提醒 开启」。', { field: 'args' });
    const name = await resolveName(ctx.db, ctx.directory, ctx.user.openId, { chatId: ctx.chat.chatId, now: ctx.clock.now() });
    await setRemindersMuted(ctx.db, { openId: ctx.user.openId, muted, name });
    await ctx.reply(
      text(
        muted
          ? '已关闭您的到期提醒。超期诉求仍会按规定报送领导督办。发送 /提醒 开启 可恢复。'
          : '已开启您的到期提醒：工作日9:00将提示您2个工作日内到期及已超期的诉求。',
      ),
    );
  },
};
