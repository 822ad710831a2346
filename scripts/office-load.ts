import { cardActionEvent, messageEvent } from '../test/support/lark-payloads.js';
import { seededRandom } from '../src/util/seeded-random.js';

/**
 * The traffic of bench:office, a busy day of a 200-person bureau packed ten times into ten
 * seconds: everyone 签到 on the study card of their group (four groups, four cards), report
 * submissions, and chat commands from the same people in their direct chats and the groups.
 * Send times are spread over the window by a seeded generator, so every run sends the same day.
 */
export const STAFF = 200;
export const GROUPS = 4;
export const ADMIN = 'ou_officeadmin0000000000000000001';

export const personId = (i: number) => `ou_officeperson${String(i).padStart(17, '0')}`;
export const personName = (i: number) => `办公人员${i}`;
export const groupChat = (g: number) => `oc_officegroup${String(g).padStart(18, '0')}`;
const p2pChat = (i: number) => `oc_officep2p${String(i).padStart(20, '0')}`;
/** Person i sits in group i mod GROUPS and 签到 on its card. */
export const groupOf = (i: number) => i % GROUPS;

export interface StudyCard {
  session: number;
  messageId: string;
}

export type Kind = 'checkin' | 'submit' | 'command';

export interface Planned {
  /** ms after the start of the window */
  at: number;
  kind: Kind;
  /** what it is, for the report (`签到`, `提交`, `/我的` …) */
  label: string;
  payload: unknown;
  /** the chat message's id, whose reply the bench waits for (commands only) */
  messageId?: string;
}

/** A report submission as the card's form sends it. */
export function submission(i: number, receivedDate: string, from = personId(i % STAFF)): unknown {
  return cardActionEvent({
    value: { action: 'case.submit' },
    from,
    messageId: `om_officereport${String(i).padStart(17, '0')}`,
    chatId: p2pChat(i % STAFF),
    formValue: { enterprise: `办公测评企业${i}有限公司`, category: 'tax_policy', content: `第${i}件：企业反映增值税留抵退税办理进度`, received_date: `${receivedDate} +0800`, department: '企业服务科' },
  });
}

/** The commands people type on a busy day (codes: cases that exist before the window). */
function command(i: number, codes: string[]): { text: string; label: string } {
  switch (i % 10) {
    case 3:
    case 4:
      return { text: '/我的', label: '/我的' };
    case 5:
      return { text: `/诉求 ${codes[i % codes.length]}`, label: '/诉求' };
    case 6:
      return { text: '某某科技有限公司反映厂房租金补贴还未兑现', label: 'plain text' };
    case 7:
      return { text: '/周报', label: '/周报' };
    case 8:
      return { text: '/学法统计', label: '/学法统计' };
    default:
      return { text: '/帮助', label: '/帮助' };
  }
}

export interface Day {
  cards: StudyCard[];
  /** codes of cases stored before the window, for /诉求 */
  codes: string[];
  /** today, YYYY-MM-DD, for the forms' 受理日期 */
  receivedDate: string;
  windowMs: number;
  checkins: number;
  submissions: number;
  commands: number;
}

/** Every event of the window with its send time, in send order. */
export function busyDay(d: Day): Planned[] {
  const rnd = seededRandom(20261205);
  const at = () => Math.floor(rnd() * d.windowMs);
  const out: Planned[] = [];
  for (let i = 0; i < d.checkins; i++) {
    const card = d.cards[groupOf(i)]!;
    out.push({ at: at(), kind: 'checkin', label: '签到', payload: cardActionEvent({ value: { action: 'study.checkin', session: card.session }, from: personId(i % STAFF), messageId: card.messageId, chatId: groupChat(groupOf(i)) }) });
  }
  for (let i = 0; i < d.submissions; i++) {
    out.push({ at: at(), kind: 'submit', label: '提交', payload: submission(1000 + i, d.receivedDate) });
  }
  for (let i = 0; i < d.commands; i++) {
    const person = (i * 7) % STAFF;
    const { text, label } = command(i, d.codes);
    // One in five in the person's group (an @mention), the others in the direct chat.
    const inGroup = i % 5 === 4;
    const e = messageEvent({ text, from: personId(person), chatType: inGroup ? 'group' : 'p2p', chatId: inGroup ? groupChat(groupOf(person)) : p2pChat(person) });
    out.push({ at: at(), kind: 'command', label, payload: e, messageId: e.event.message.message_id });
  }
  return out.sort((a, b) => a.at - b.at);
}
