import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { waitFor, type TestBot } from '../support/test-bot.js';
import { ADMIN, CHAT, LEADER, STAFF, cardText, click, openSession, studyBot } from './study-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('会前学法 card through the real webhook', () => {
  it('/学法 posts a card in the chat with topic, time, opener, 签到 and 请假 buttons and zero counts', async () => {
    t = await studyBot();
    const s = await openSession(t, '《优化营商环境条例》');
    const text = cardText(s.card);
    expect(s.card.schema).toBe('2.0');
    expect(text).toContain('《优化营商环境条例》');
    expect(text).toContain('张局长');
    expect(text).toMatch(/\*\*学习时间\*\*：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(text).toContain('签到 0 人');
    expect(text).toContain('请假 0 人');
    expect(text).toMatch(/签到[\s\S]*请假/);
    const form = s.card.body.elements.find((e: any) => e.tag === 'form' && e.name === 'study_attend');
    expect(form.elements.find((e: any) => e.tag === 'input').name).toBe('reason');
    const row = await t.bot.db.studySession.findUniqueOrThrow({ where: { id: s.sessionId } });
    expect(row).toMatchObject({ topic: '《优化营商环境条例》', chatId: CHAT, openedBy: ADMIN, closedAt: null });
    const out = await waitFor(() => t.bot.db.outboxMessage.findFirst({ where: { ref: `study:${s.sessionId}`, status: 'sent' } }));
    expect(out.messageId).toBe(s.messageId);
  });

  it('/学法 without a topic is answered with how to use it and opens nothing', async () => {
    t = await studyBot();
    await t.post(messageEvent({ text: '/学法', chatType: 'group', chatId: CHAT, from: ADMIN }));
    const reply = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'text'));
    expect(reply.content.text).toContain('请填写学习主题');
    expect(await t.bot.db.studySession.count()).toBe(0);
  });

  it('a 签到 is stored once and answered with the updated card; a second click changes nothing and says so', async () => {
    t = await studyBot();
    const s = await openSession(t);
    const first = await click(t, s, 'study.checkin', STAFF);
    expect(first.status).toBe(200);
    expect(first.body.toast).toEqual({ type: 'success', content: '签到成功' });
    expect(first.body.card.type).toBe('raw');
    expect(cardText(first.body.card.data)).toContain('签到 1 人**：李科员');

    const second = await click(t, s, 'study.checkin', STAFF);
    expect(second.body.toast.type).toBe('info');
    expect(second.body.toast.content).toContain('已签到');
    expect(cardText(second.body.card.data)).toContain('签到 1 人**：李科员');
    expect(await t.bot.db.studyAttendance.count()).toBe(1);
    const session = await t.bot.db.studySession.findUniqueOrThrow({ where: { id: s.sessionId } });
    expect(session.cardMessageId).toBe(s.messageId);
  });

  it('请假 needs a reason; with one it is stored and shown, and a second 请假 changes nothing', async () => {
    t = await studyBot();
    const s = await openSession(t);
    const empty = await click(t, s, 'study.leave', LEADER, { reason: '  ' });
    expect(empty.body.toast).toEqual({ type: 'error', content: '请填写请假事由' });
    expect(empty.body.card).toBeUndefined();
    expect(await t.bot.db.studyAttendance.count()).toBe(0);

    const ok = await click(t, s, 'study.leave', LEADER, { reason: '赴市里参加招商推介会' });
    expect(ok.body.toast.type).toBe('success');
    expect(cardText(ok.body.card.data)).toContain('请假 1 人**：王主任');
    const row = await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: LEADER } });
    expect(row).toMatchObject({ status: 'leave', reason: '赴市里参加招商推介会', makeup: false });

    const again = await click(t, s, 'study.leave', LEADER, { reason: '另一个事由' });
    expect(again.body.toast).toEqual({ type: 'info', content: '您已请假，无需重复操作' });
    expect((await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: LEADER } })).reason).toBe('赴市里参加招商推介会');
  });

  it('switching from 请假 to 签到 is allowed and recorded; 签到 then 请假 is refused', async () => {
    t = await studyBot();
    const s = await openSession(t);
    await click(t, s, 'study.leave', LEADER, { reason: '外出办事' });
    const sw = await click(t, s, 'study.checkin', LEADER);
    expect(sw.body.toast).toEqual({ type: 'success', content: '已由请假改为签到' });
    const text = cardText(sw.body.card.data);
    expect(text).toContain('签到 1 人**：王主任');
    expect(text).toContain('请假 0 人');
    expect(await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: LEADER } })).toMatchObject({ status: 'present', reason: null });
    const audit = await t.bot.db.auditLog.findFirstOrThrow({ where: { action: 'study.leave_to_present' } });
    expect(audit).toMatchObject({ actor: LEADER, subject: `study:${s.sessionId}` });
    expect(JSON.parse(audit.detail!)).toEqual({ reason: '外出办事' });

    const back = await click(t, s, 'study.leave', LEADER, { reason: '临时有事' });
    expect(back.body.toast).toEqual({ type: 'warning', content: '您已签到，无法再请假' });
    expect((await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: LEADER } })).status).toBe('present');
  });

  it('a redelivered /学法 command opens no second session and sends no second card', async () => {
    t = await studyBot();
    const payload = messageEvent({ text: '/学法 宪法学习', chatType: 'group', chatId: CHAT, from: ADMIN });
    await t.post(payload);
    await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'));
    const redelivered = { ...payload, header: { ...payload.header, event_id: `${payload.header.event_id}x` } };
    await t.post(redelivered);
    await waitFor(async () => (await t.bot.db.inboxEvent.count({ where: { status: 'done' } })) === 2);
    expect(await t.bot.db.studySession.count()).toBe(1);
    await waitFor(async () => (await t.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0);
    expect(t.fake.messages.filter((m) => m.msgType === 'interactive')).toHaveLength(1);
  });

  it('a topic cannot inject markup into the card (no stray @所有人)', async () => {
    t = await studyBot();
    const s = await openSession(t, '<at id=all></at>学习*民法典*');
    const markdown = s.card.body.elements.filter((e: any) => e.tag === 'markdown').map((e: any) => e.content).join('\n');
    expect(markdown).not.toContain('<at');
    expect(markdown).toContain('&#60;at id=all&#62;&#60;/at&#62;学习&#42;民法典&#42;');
    // The header is plain text, which Lark shows as it is.
    expect(s.card.header.subtitle).toEqual({ tag: 'plain_text', content: '<at id=all></at>学习*民法典*' });
  });

  it('a click naming an unknown session gets an error toast', async () => {
    t = await studyBot();
    const res = await click(t, { sessionId: 999, messageId: 'om_x' }, 'study.checkin', STAFF);
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain('未找到');
  });
});
