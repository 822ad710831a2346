import { text } from '../../bot/message.js';
import { chatEvent, operatorOf } from '../event-handler.js';
import { MENU } from '../menu.js';
import { runCommand } from '../run-command.js';

const UNKNOWN_KEY = `该菜单项暂不可用。可用菜单：${MENU.map((m) => m.label).join('、')}；也可发送 /帮助 查看全部指令。`;

/**
 * `application.bot.menu_v6`: a tap on the bot menu runs the matching command, answered in
 * the operator's direct chat (the event names no chat; the menu exists only there).
 */
export const botMenuEvent = chatEvent({
  type: 'application.bot.menu_v6',
  origin(event) {
    const openId = operatorOf(event);
    return openId ? { userOpenId: openId, chat: { chatId: '', chatType: 'p2p' }, replyTarget: { openId } } : undefined;
  },
  async run(ctx) {
    const key = typeof ctx.event.event_key === 'string' ? ctx.event.event_key : '';
    const item = MENU.find((m) => m.key === key);
    if (!item) {
      ctx.log.warn({ eventKey: key.slice(0, 30) }, 'unknown bot menu key');
      return ctx.reply(text(UNKNOWN_KEY));
    }
    await runCommand(item.command, ctx, { messageId: '' });
  },
});
