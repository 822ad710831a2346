import { welcomeCard, welcomeText } from '../../presentation/cards/welcome-card.js';
import { claimGreeting, releaseGreeting } from '../../store/greetings.js';
import { card } from '../../bot/message.js';
import { chatEvent, chatIdOf, operatorOf, type ChatEventSpec } from '../event-handler.js';

const inGroup: ChatEventSpec['origin'] = (event) => {
  const chatId = chatIdOf(event);
  return chatId ? { userOpenId: operatorOf(event), chat: { chatId, chatType: 'group' }, replyTarget: { chatId } } : undefined;
};

/** `im.chat.member.bot.added_v1`: one welcome card per group, whoever adds the bot and however often Lark delivers it. */
export const botAddedEvent = chatEvent({
  type: 'im.chat.member.bot.added_v1',
  origin: inGroup,
  async run(ctx) {
    const first = await claimGreeting(ctx.db, { kind: 'group_welcome', subject: ctx.chat.chatId, eventId: ctx.eventId, at: ctx.clock.now() });
    if (!first) return ctx.log.info('group already welcomed');
    await ctx.reply(card(welcomeCard(), welcomeText()));
  },
});

/** `im.chat.member.bot.deleted_v1`: the bot left the group, so adding it again welcomes again. */
export const botRemovedEvent = chatEvent({
  type: 'im.chat.member.bot.deleted_v1',
  origin: inGroup,
  async run(ctx) {
    await releaseGreeting(ctx.db, 'group_welcome', ctx.chat.chatId);
  },
});
