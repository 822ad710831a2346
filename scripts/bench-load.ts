import { cardActionEvent, messageEvent } from '../test/support/lark-payloads.js';

/**
 * The traffic bench:replicas sends, shaped like an office's: many people, each in their
 * direct chat with the bot, and some groups. The bot handles one chat's events in order and
 * sends one conversation's messages in order (on purpose), so traffic from a single chat
 * could never use a second replica; real traffic comes from many chats at once.
 */
export const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100);
export const GROUPS = Number(process.env.BENCH_GROUPS ?? 10);
/** Every fifth message is written in a group (an @mention), the others in direct chats. */
const GROUP_SHARE = 5;

export const personId = (i: number) => `ou_benchperson${String(i).padStart(18, '0')}`;
export const personName = (i: number) => `测试人员${i}`;
const p2pChat = (i: number) => `oc_benchp2p${String(i).padStart(21, '0')}`;
export const groupChat = (g: number) => `oc_benchgroup${String(g).padStart(19, '0')}`;

/** The i-th /帮助 of a run: person i mod PEOPLE, in a group every GROUP_SHARE-th time. */
export function helpEvent(i: number): unknown {
  const person = i % PEOPLE;
  if (i % GROUP_SHARE === GROUP_SHARE - 1) return messageEvent({ text: '/帮助', chatType: 'group', chatId: groupChat(i % GROUPS), from: personId(person) });
  return messageEvent({ text: '/帮助', chatType: 'p2p', chatId: p2pChat(person), from: personId(person) });
}

/** The i-th 签到: a different person each time, on the study card of group i mod GROUPS. */
export function checkinEvent(i: number, cards: Array<{ session: number; messageId: string }>): unknown {
  const g = i % cards.length;
  return cardActionEvent({ value: { action: 'study.checkin', session: cards[g]!.session }, from: personId(PEOPLE + i), messageId: cards[g]!.messageId, chatId: groupChat(g) });
}

/** The people of group g's chat (who click on its card), for the fake's member list: the card reads it when posted. */
export function groupMembers(g: number, clicks: number): Array<{ member_id: string; name: string }> {
  const out = [];
  for (let i = g; i < clicks; i += GROUPS) out.push({ member_id: personId(PEOPLE + i), name: personName(PEOPLE + i) });
  return out;
}

export function describeLoad(events: number, clicks: number, concurrency: number): string {
  return (
    `${events} /帮助 from ${PEOPLE} people (${GROUP_SHARE - 1} in ${GROUP_SHARE} in their direct chat, the others in ${GROUPS} groups); ` +
    `${clicks} 签到 by distinct people on ${GROUPS} study cards (one per group, ~${Math.round(clicks / GROUPS)} each); ` +
    `${concurrency} requests in flight; the contact API and each group's member list know every name`
  );
}
