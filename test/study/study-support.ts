import { expect } from 'vitest';
import { timeOwnWork } from '../support/answer-time.js';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { callbackValues, cardText } from '../support/card-nodes.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot, type TestBotOptions } from '../support/test-bot.js';

export const CHAT = 'oc_study0000000000000000000000001';
export { ADMIN, LEADER, STAFF };

/** Thirty colleagues plus the test users, with names the fake contact API knows. */
export const PEOPLE = Array.from({ length: 30 }, (_, i) => ({ openId: `ou_person${String(i).padStart(24, '0')}`, name: `同事${i + 1}` }));

export async function studyBot(
  o: { contactNames?: boolean; members?: Array<{ openId: string; name: string }>; botOptions?: TestBotOptions['botOptions'] } = {},
): Promise<TestBot> {
  const t = await startTestBot(o.botOptions ? { botOptions: o.botOptions } : {});
  if (o.contactNames !== false) {
    t.fake.users.set(ADMIN, '张局长');
    t.fake.users.set(STAFF, '李科员');
    t.fake.users.set(LEADER, '王主任');
    for (const p of PEOPLE) t.fake.users.set(p.openId, p.name);
  }
  const members = o.members ?? [
    { openId: ADMIN, name: '张局长' },
    { openId: STAFF, name: '李科员' },
    { openId: LEADER, name: '王主任' },
  ];
  t.fake.chatMembers.set(CHAT, members.map((m) => ({ member_id: m.openId, name: m.name })));
  return t;
}

export { callbackValues, cardText };

/** `/学法 <topic>` in the group through the webhook; waits for the card message in the chat. */
export async function openSession(t: TestBot, topic = '《中华人民共和国行政许可法》', from = ADMIN): Promise<{ sessionId: number; messageId: string; card: any }> {
  const before = t.fake.messages.length;
  const res = await t.post(messageEvent({ text: `/学法 ${topic}`, chatType: 'group', chatId: CHAT, from }));
  expect(res.status).toBe(200);
  const msg = await waitFor(() => t.fake.messages.slice(before).find((m) => m.msgType === 'interactive' && m.receiveId === CHAT), 5000, 'the study card');
  const value = callbackValues(msg.content).find((v) => v.action === 'study.checkin');
  return { sessionId: value.session, messageId: msg.messageId, card: msg.content };
}

/** A click on the session card through the webhook; returns the callback's answer. */
export async function click(
  t: TestBot,
  s: { sessionId: number; messageId: string },
  action: string,
  from: string,
  formValue?: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  return t.post(cardActionEvent({ value: { action, session: s.sessionId }, from, messageId: s.messageId, chatId: CHAT, ...(formValue ? { formValue } : {}) }));
}

/**
 * Everyone clicks 签到 at once; each answer with how long it took (signed beforehand, timed as
 * on a machine of its own: support/answer-time.ts), the median and max, the largest wall time,
 * and the CPU time of this process meanwhile (bot, fake Open API and the client).
 */
export async function clickAllAtOnce(t: TestBot, s: { sessionId: number; messageId: string }, people: Array<{ openId: string }>) {
  const requests = people.map((p) => t.sign(cardActionEvent({ value: { action: 'study.checkin', session: s.sessionId }, from: p.openId, messageId: s.messageId, chatId: CHAT })));
  const cpu0 = process.cpuUsage();
  const answers = await Promise.all(
    requests.map(async (req) => {
      const { value, ms, wallMs } = await timeOwnWork(() => t.postSigned(req));
      return { ...value, ms, wallMs };
    }),
  );
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpu0);
  return {
    answers,
    median: Math.round(ms[Math.floor(ms.length / 2)]!),
    max: Math.round(ms[ms.length - 1]!),
    maxWall: Math.round(Math.max(...answers.map((a) => a.wallMs))),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}
