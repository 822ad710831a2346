import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { FakeClock, HOUR, seedCase, walk } from './helpers.js';

let t: TestBot;
afterEach(async () => t?.destroy());

/** A bot whose scheduler runs on `clock`; the rest of the bot keeps real time (webhook timestamps, outbox). */
async function botAt(clock: FakeClock): Promise<TestBot> {
  return startTestBot({ botOptions: { scheduler: { clock } } });
}

const remindersTo = (id: string) => t.fake.messages.filter((m) => m.receiveId === id && m.content.text?.startsWith('【到期提醒】'));
const escalationsTo = (id: string) => t.fake.messages.filter((m) => m.receiveId === id && m.content.text?.startsWith('【督办提示】'));

async function remindedDays(): Promise<string[]> {
  const runs = await t.bot.db.jobRun.findMany({ where: { jobId: 'cases.daily-reminders' }, orderBy: { periodKey: 'asc' } });
  return runs.filter((r) => /提醒 [1-9]/.test(r.outcome ?? '')).map((r) => r.periodKey.slice(5, 10));
}

describe('daily reminders', () => {
  it('go out on working days only: not at weekends or over the National Day holiday, but on the 调休 Saturday', async () => {
    const clock = new FakeClock('2026-09-26T00:00:00+08:00'); // Saturday
    t = await botAt(clock);
    await seedCase(t.bot.db, { receivedDate: '2026-09-01', deadline: '2026-09-25', reporterId: STAFF });
    await walk(clock, '2026-10-12T00:00:00+08:00', HOUR, () => t.bot.scheduler.tick());

    // 1–7 October is the holiday; Saturday 10 October is a make-up workday; 11 October a Sunday.
    expect(await remindedDays()).toEqual(['09-28', '09-29', '09-30', '10-08', '10-09', '10-10']);
    await waitFor(() => remindersTo(STAFF).length === 6, 5000, 'six reminders');
    const texts: string[] = remindersTo(STAFF).map((m) => m.content.text);
    expect(texts.map((x) => /已超期 (\d+) 个工作日/.exec(x)?.[1])).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(texts[0]).toContain('QY2026-');
    expect(texts[0]).toContain('办理期限9月25日');
  });

  it('missed on one working day and caught up early the next, are not sent twice that morning with yesterday\'s figures', async () => {
    const clock = new FakeClock('2026-11-25T20:00:00+08:00'); // Wednesday evening
    t = await botAt(clock);
    const c = await seedCase(t.bot.db, { receivedDate: '2026-11-10', deadline: '2026-11-26', reporterId: STAFF });
    await t.bot.scheduler.tick();
    // Down (or asleep) from Wednesday evening until Friday 07:00: Thursday's 09:00 run was missed.
    clock.set('2026-11-27T07:00:00+08:00');
    await t.bot.scheduler.tick();
    await walk(clock, '2026-11-27T10:00:00+08:00', HOUR / 2, () => t.bot.scheduler.tick());

    const msg = await waitFor(() => remindersTo(STAFF)[0], 5000, 'a reminder');
    await waitFor(async () => (await t.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0);
    expect(remindersTo(STAFF)).toHaveLength(1);
    expect(msg.content.text).toContain(c.code);
    expect(msg.content.text).toContain('已超期 1 个工作日');
    expect(await remindedDays()).toEqual(['11-27']);
  });

  it('list cases due within two working days, and nothing further off', async () => {
    const clock = new FakeClock('2026-11-30T08:00:00+08:00'); // Monday
    t = await botAt(clock);
    const soon = await seedCase(t.bot.db, { receivedDate: '2026-11-20', deadline: '2026-12-02', reporterId: STAFF });
    const later = await seedCase(t.bot.db, { receivedDate: '2026-11-20', deadline: '2026-12-03', reporterId: STAFF });
    await seedCase(t.bot.db, { receivedDate: '2026-11-20', deadline: '2026-11-30', reporterId: STAFF, status: 'resolved', resolvedDate: '2026-11-27' });
    await walk(clock, '2026-11-30T09:30:00+08:00', HOUR / 2, () => t.bot.scheduler.tick());

    const msg = await waitFor(() => remindersTo(STAFF)[0], 5000, 'a reminder');
    expect(msg.content.text).toContain(`${soon.code}`);
    expect(msg.content.text).toContain('剩余 2 个工作日');
    expect(msg.content.text).not.toContain(later.code);
    expect(remindersTo(STAFF)).toHaveLength(1);
  });

  it('escalate an overdue case to the leaders once per stage, recorded in its history, also after a restart', async () => {
    const clock = new FakeClock('2026-09-26T00:00:00+08:00');
    t = await botAt(clock);
    const c = await seedCase(t.bot.db, { receivedDate: '2026-09-01', deadline: '2026-09-25', reporterId: STAFF, assigneeId: STAFF });
    t.fake.users.set(STAFF, '王科员');
    await walk(clock, '2026-10-16T00:00:00+08:00', HOUR, () => t.bot.scheduler.tick());

    // 3 working days overdue on 30 September (一级), 10 on 15 October (二级).
    await waitFor(() => escalationsTo(LEADER).length === 2, 5000, 'two escalations');
    const sent = escalationsTo(LEADER);
    expect(sent[0]!.content.text).toContain(`一级督办　${c.code}`);
    expect(sent[0]!.content.text).toContain('承办人：王科员');
    expect(sent[1]!.content.text).toContain(`二级督办　${c.code}`);
    const history = await t.bot.db.caseEvent.findMany({ where: { caseId: c.id, kind: 'escalate' }, orderBy: { id: 'asc' } });
    expect(history.map((h) => h.note)).toEqual([
      '一级督办（办理期限2026-09-25）：已超期 3 个工作日，已提请领导督办',
      '二级督办（办理期限2026-09-25）：已超期 10 个工作日，已提请领导督办',
    ]);
    expect(history.map((h) => h.actorId)).toEqual(['system', 'system']);

    // A restart the next morning, and that day's run: no stage is escalated twice.
    const databaseUrl = t.databaseUrl;
    const fake = t.fake;
    await t.close();
    clock.set('2026-10-16T09:05:00+08:00');
    t = await startTestBot({ databaseUrl, fake, botOptions: { scheduler: { clock } } });
    await t.bot.scheduler.tick();
    expect(await t.bot.db.jobRun.findUnique({ where: { jobId_periodKey: { jobId: 'cases.daily-reminders', periodKey: '2026-10-16 09:00' } } })).toMatchObject({ status: 'done' });
    expect(await t.bot.db.caseEvent.count({ where: { kind: 'escalate' } })).toBe(2);
    expect(escalationsTo(LEADER)).toHaveLength(2);
  });

  it('/提醒 关闭 stops a person\'s reminders (督办 still goes to the leaders) and /提醒 开启 resumes them', async () => {
    const clock = new FakeClock('2026-11-30T08:00:00+08:00');
    t = await botAt(clock);
    await seedCase(t.bot.db, { receivedDate: '2026-11-02', deadline: '2026-11-20', reporterId: STAFF });

    await t.post(messageEvent({ text: '/提醒 关闭', from: STAFF }));
    const off = await waitFor(() => t.fake.messages.find((m) => m.content.text?.startsWith('已关闭您的到期提醒')), 5000, 'the answer');
    expect(off.replyTo).toMatch(/^om_/);
    expect(await t.bot.db.user.findUniqueOrThrow({ where: { openId: STAFF } })).toMatchObject({ remindersMuted: true });

    await walk(clock, '2026-11-30T10:00:00+08:00', HOUR / 2, () => t.bot.scheduler.tick());
    await waitFor(() => escalationsTo(LEADER).length === 1, 5000, 'the 督办 of a muted owner\'s case');
    expect(remindersTo(STAFF)).toHaveLength(0);

    await t.post(messageEvent({ text: '/提醒 开启', from: STAFF }));
    await waitFor(() => t.fake.messages.find((m) => m.content.text?.startsWith('已开启您的到期提醒')), 5000, 'the answer');
    await walk(clock, '2026-12-01T10:00:00+08:00', HOUR / 2, () => t.bot.scheduler.tick());
    await waitFor(() => remindersTo(STAFF).length === 1, 5000, 'a reminder again');
  });

  it('/提醒 with a word it does not know explains the two choices and changes nothing', async () => {
    t = await startTestBot();
    await t.post(messageEvent({ text: '/提醒 暂停一下', from: STAFF }));
    const answer = await waitFor(() => t.fake.messages[0], 5000, 'the answer');
    expect(answer.content.text).toBe('请输入「/提醒 关闭」或「/提醒 开启」。');
    expect(await t.bot.db.user.findUnique({ where: { openId: STAFF } })).toBeNull();
  });
});
