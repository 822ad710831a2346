import { randomUUID } from 'node:crypto';
import { fixture, TOKEN } from './lark-payloads.js';

/** The documented payloads of test/fixtures with fresh event ids and the suite's token. */
function fresh(name: string, eventId?: string): any {
  const e = fixture(name);
  e.header.event_id = eventId ?? randomUUID().replace(/-/g, '');
  e.header.token = TOKEN;
  e.header.create_time = String(Date.now());
  return e;
}

/** A tap on the bot menu (`application.bot.menu_v6`). */
export function menuEvent(o: { key: string; from?: string; eventId?: string }): any {
  const e = fresh('application.bot.menu_v6.json', o.eventId);
  e.event.event_key = o.key;
  if (o.from) e.event.operator.operator_id.open_id = o.from;
  return e;
}

/** The bot added to (or removed from) a group. */
export function botMembershipEvent(o: { chatId: string; from?: string; removed?: boolean; eventId?: string }): any {
  const e = fresh(o.removed ? 'im.chat.member.bot.deleted_v1.json' : 'im.chat.member.bot.added_v1.json', o.eventId);
  e.event.chat_id = o.chatId;
  if (o.from) e.event.operator_id.open_id = o.from;
  return e;
}

/** Someone opened the direct chat with the bot. */
export function p2pEnteredEvent(o: { from: string; chatId?: string; eventId?: string }): any {
  const e = fresh('im.chat.access_event.bot_p2p_chat_entered_v1.json', o.eventId);
  e.event.operator_id.open_id = o.from;
  e.event.chat_id = o.chatId ?? `oc_p2p_${o.from.slice(3, 15)}`;
  return e;
}

/** Every string of a card, for "does it say X" checks. */
export function cardText(card: unknown): string {
  return JSON.stringify(card);
}
