import { greetingCard, greetingText } from '../../presentation/cards/greeting-card.js';
import { claimGreeting } from '../../store/greetings.js';
import { card } from '../../bot/message.js';
import { chatEvent, chatIdOf, operatorOf } from '../event-handler.js';

/**
 * `im.chat.access_event.bot_p2p_chat_entered_v1` comes every time someone opens the direct
 * chat with the bot: only the first visit of each person gets the greeting.
 */
export const p2pEnteredEvent = chatEvent({
  type: 'im.chat.access_event.bot_p2p_chat_entered_v1',
  origin(event) {
    const openId = operatorOf(event);
    const chatId = chatIdOf(event);
    if (!openId) return undefined;
    return { userOpenId: openId, chat: { chatId, chatType: 'p2p' }, replyTarget: chatId ? { chatId } : { openId } };
  },
  async run(ctx) {
    const first = await claimGreeting(ctx.db, { kind: 'p2p_greeting', subject: ctx.user.openId, eventId: ctx.eventId, at: ctx.clock.now() });
    if (!first) return;
    await ctx.reply(card(greetingCard(), greetingText()));
  },
});
