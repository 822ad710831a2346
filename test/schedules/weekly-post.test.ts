import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '../../src/domain/dates/days.js';
import { messageEvent } from '../support/lark-payloads.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { FakeClock, HOUR, seedCase, walk } from './helpers.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const cardsTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && m.msgType === 'interactive');
const markdown = (card: any) => card.body.elements.filter((e: any) => e.tag === 'markdown').map((e: any) => e.content).join('\n');

describe('weekly progress', () => {
  it('a week of firings posts exactly one card, with the week\'s figures from the store and a native chart', async () => {
    const clock = new FakeClock('2026-11-29T00:00:00+08:00'); // Sunday
    t = await startTestBot({ env: { BOT_REPORT_CHAT_ID: 'oc_report' }, botOptions: { scheduler: { clock } } });
    const db = t.bot.db;
    t.fake.users.set(STAFF, '王科员');
    // The week 23–29 November: three new cases, one resolved; one older case overdue.
    await seedCase(db, { category: 'tax_policy', receivedDate: '2026-11-23', deadline: '2026-12-21', reporterId: STAFF });
    await seedCase(db, { category: 'tax_policy', receivedDate: '2026-11-25', deadline: '2026-12-23', reporterId: STAFF });
    await seedCase(db, { category: 'staffing', receivedDate: '2026-11-27', deadline: '2026-12-11', reporterId: STAFF, status: 'resolved', resolvedDate: '2026-11-27' });
    const late = await seedCase(db, { category: 'premises', enterprise: '宏远精密制造有限公司', receivedDate: '2026-10-12', deadline: '2026-11-20', reporterId: LEADER, assigneeId: STAFF });
    await seedCase(db, { category: 'other', receivedDate: '2025-12-01', deadline: '2025-12-15', reporterId: STAFF, status: 'resolved', resolvedDate: '2025-12-10' });
    await db.studySession.create({
      data: { topic: '优化营商环境条例', chatId: 'oc_study', openedBy: ADMIN, heldDate: '2026-11-24', attendances: { create: [{ openId: STAFF, status: 'present' }, { openId: LEADER, status: 'leave' }] } },
    });

    await walk(clock, '2026-12-06T00:00:00+08:00', HOUR, () => t.bot.scheduler.tick());
    const post = await waitFor(() => cardsTo('oc_report')[0], 5000, 'the weekly card');
    expect(cardsTo('oc_report')).toHaveLength(1);
    const card = post.content;
    expect(card.schema).toBe('2.0');
    expect(card.header.title.content).toBe('每周工作进展（11月23日—11月29日）');
    expect(card.header.subtitle.content).toBe('投资促进局 · 数据截至2026-11-30 09:00');
    const text = markdown(card);
    expect(text).toContain('本周新受理企业诉求 **3** 件：增值税和企业所得税扶持政策兑现 2 件、用人需求 1 件。');
    expect(text).toContain('本周办结 **1** 件；目前在办 **3** 件，其中超期 **1** 件。');
    expect(text).toContain('2026年累计受理 **4** 件，办结 **1** 件，办结率 **25%**。');
    expect(text).toContain(`${late.code}　宏远精密制造有限公司（办公厂房），办理期限11月20日，已超期 6 个工作日，承办人：王科员`);
    expect(text).toContain('本周开展会前学法 **1** 次，签到 1 人次，请假 1 人次，缺席 0 人次。');

    const chart = card.body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec).toMatchObject({ type: 'bar', xField: 'week', yField: 'count', seriesField: 'category', stack: true });
    const values = chart.chart_spec.data[0].values as Array<{ week: string; category: string; count: number }>;
    expect(values.filter((v) => v.week === '11/23' && v.count > 0)).toEqual([
      { week: '11/23', category: '增值税和企业所得税扶持政策兑现', count: 2 },
      { week: '11/23', category: '用人需求', count: 1 },
    ]);
    expect(values.filter((v) => v.week === '10/12' && v.count > 0)).toEqual([{ week: '10/12', category: '办公厂房', count: 1 }]);
    expect(t.fake.files).toHaveLength(0); // Lark draws the chart itself: no picture needed
  });

  it('/设置周报群 from a non-admin is refused and changes nothing', async () => {
    t = await startTestBot();
    await t.post(messageEvent({ text: '/设置周报群', from: STAFF, chatType: 'group', chatId: 'oc_group' }));
    const answer = await waitFor(() => t.fake.messages[0], 5000, 'the answer');
    expect(answer.content.text).toBe('仅管理员可以设置周报群。如需调整，请联系管理员。');
    expect(await t.bot.db.setting.findUnique({ where: { key: 'report.chat_id' } })).toBeNull();
  });

  it('/设置周报群 from an admin sends the weekly post to that chat rather than BOT_REPORT_CHAT_ID', async () => {
    const clock = new FakeClock('2026-11-29T12:00:00+08:00');
    t = await startTestBot({ env: { BOT_REPORT_CHAT_ID: 'oc_from_env' }, botOptions: { scheduler: { clock } } });
    await t.post(messageEvent({ text: '/设置周报群', from: ADMIN, chatType: 'group', chatId: 'oc_leaders_group' }));
    const answer = await waitFor(() => t.fake.messages.find((m) => m.content.text?.startsWith('已设置')), 5000, 'the answer');
    expect(answer.content.text).toMatch(/^已设置：每周工作进展将发送至本群，下次发送时间为 \d{4}-\d{2}-\d{2} 09:00。/);
    expect(await t.bot.db.auditLog.count({ where: { action: 'report_chat.set', actor: ADMIN, subject: 'oc_leaders_group' } })).toBe(1);

    await walk(clock, '2026-11-30T10:00:00+08:00', HOUR, () => t.bot.scheduler.tick());
    await waitFor(() => cardsTo('oc_leaders_group').length === 1, 5000, 'the post in the chosen chat');
    expect(cardsTo('oc_from_env')).toHaveLength(0);
  });

  it('without any report chat, the admins are told how to set one', async () => {
    const clock = new FakeClock('2026-11-29T12:00:00+08:00');
    t = await startTestBot({ botOptions: { scheduler: { clock } } });
    await walk(clock, '2026-11-30T10:00:00+08:00', HOUR, () => t.bot.scheduler.tick());
    const note = await waitFor(() => t.fake.messages.find((m) => m.receiveId === ADMIN), 5000, 'a note to the admin');
    expect(note.content.text).toContain('/设置周报群');
    expect(t.fake.messages.filter((m) => m.msgType === 'interactive')).toHaveLength(0);
  });

  it('/周报 gives the same post in the current chat at once', async () => {
    t = await startTestBot();
    const yesterday = addDays(dayIn(new Date(), 'Asia/Shanghai'), -1);
    await seedCase(t.bot.db, { category: 'schooling', receivedDate: yesterday, deadline: addDays(yesterday, 30), reporterId: STAFF });
    await t.post(messageEvent({ text: '/周报', from: STAFF, chatType: 'group', chatId: 'oc_any_group' }));
    const reply = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'the card');
    expect(reply.replyTo).toMatch(/^om_/);
    expect(reply.content.header.title.content).toMatch(/^每周工作进展（\d+月\d+日—\d+月\d+日）$/);
    expect(markdown(reply.content)).toContain('本周新受理企业诉求 **1** 件：高管子女入学 1 件。');
    expect(reply.content.body.elements.some((e: any) => e.tag === 'chart')).toBe(true);
  });

  it('more overdue cases than the card lists are pointed to with a real code, not a <编号> placeholder Lark would drop', async () => {
    t = await startTestBot();
    const today = dayIn(new Date(), 'Asia/Shanghai');
    const codes: string[] = [];
    for (let i = 0; i < 17; i++) codes.push((await seedCase(t.bot.db, { receivedDate: addDays(today, -60), deadline: addDays(today, -20), reporterId: STAFF })).code);
    await t.post(messageEvent({ text: '/周报', from: STAFF, chatType: 'group', chatId: 'oc_any_group' }));
    const reply = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'the card');
    const text = markdown(reply.content);
    expect(text).toContain('另有 2 件超期诉求');
    expect(text).not.toMatch(/<[^>]*编号[^>]*>/);
    expect(text).toContain(`/诉求 ${codes[15]}`);
  });

  it('an enterprise or owner name cannot inject markup into the report chat\'s card (no stray @所有人)', async () => {
    t = await startTestBot();
    t.fake.users.set(STAFF, '王*科员*');
    const today = dayIn(new Date(), 'Asia/Shanghai');
    await seedCase(t.bot.db, { enterprise: '<at id=all></at>宏远*精密*有限公司', receivedDate: addDays(today, -60), deadline: addDays(today, -20), reporterId: STAFF });
    await t.post(messageEvent({ text: '/周报', from: STAFF, chatType: 'group', chatId: 'oc_any_group' }));
    const reply = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'the card');
    const text = markdown(reply.content);
    expect(text).toContain('超期未办结诉求');
    expect(text).not.toContain('<at');
    expect(text).toContain('&#60;at id=all&#62;&#60;/at&#62;宏远&#42;精密&#42;有限公司');
    expect(text).toContain('承办人：王&#42;科员&#42;');
  });
});
