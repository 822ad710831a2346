import { afterEach, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../support/lark-payloads.js';
import type { TestBot } from '../support/test-bot.js';
import { openSession, STAFF, studyBot } from '../study/study-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const OUTSIDER = 'ou_outsider00000000000000000000f';
const ELSEWHERE = 'oc_elsewhere0000000000000000000f';

describe('access: a study card forwarded to another chat', () => {
  it('refuses 签到 from someone outside the session’s chat, and takes it from a member', async () => {
    t = await studyBot();
    const s = await openSession(t);
    const forwarded = 'om_forwarded000000000000000000f';
    const outsider = await t.post(cardActionEvent({ value: { action: 'study.checkin', session: s.sessionId }, from: OUTSIDER, messageId: forwarded, chatId: ELSEWHERE }));
    expect(outsider.body.toast.type).toBe('warning');
    expect(outsider.body.toast.content).toContain('本群');
    expect(await t.bot.db.studyAttendance.count()).toBe(0);
    const member = await t.post(cardActionEvent({ value: { action: 'study.checkin', session: s.sessionId }, from: STAFF, messageId: forwarded, chatId: ELSEWHERE }));
    expect(member.body.toast.type).toBe('success');
    expect(await t.bot.db.studyAttendance.count()).toBe(1);
  });
});
