import type { HandlerContext } from '../../bot/context.js';
import { card, type OutMessage } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { yearIn } from '../../domain/dates/days.js';
import { helpCard, helpText, type HelpEntry } from '../../presentation/cards/help-card.js';

/** The /帮助 answer for the asker: the card, with the same list as text where a card cannot be shown. */
export function helpMessage(ctx: HandlerContext): OutMessage {
  const entries: HelpEntry[] = ctx.registry.commands.map((c) => ({ id: c.id, usage: c.usage, summary: c.summary, adminOnly: c.adminOnly, leadersToo: c.adminsAndLeadersOnly }));
  const who = { isAdmin: ctx.user.isAdmin, isLeader: ctx.user.isLeader, year: yearIn(ctx.clock.now(), ctx.config.BOT_TIMEZONE), chatType: ctx.chat.chatType };
  return card(helpCard(entries, who), helpText(entries, who));
}

/** /帮助: the commands the asker may use (from the bot's registry), grouped, with buttons that run them. */
export const helpCommand: CommandHandler = {
  id: 'help',
  names: ['帮助', 'help'],
  usage: '/帮助',
  summary: '查看全部指令及用法',
  async run(ctx) {
    await ctx.reply(helpMessage(ctx));
  },
};
