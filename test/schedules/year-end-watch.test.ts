import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { FakeClock, HOUR, seedCase, walk } from './helpers.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('year-end watch', () => {
  it('from 1 December tells the admins weekly what the year-end draft still lacks', async () => {
    const clock = new FakeClock('2026-11-23T00:00:00+08:00');
    t = await startTestBot({ botOptions: { scheduler: { clock } } });
    const db = t.bot.db;
    const open = await seedCase(db, { enterprise: '星河新材料有限公司', receivedDate: '2026-11-02', deadline: '2026-12-20', reporterId: STAFF });
    const bare = await seedCase(db, { receivedDate: '2026-03-02', deadline: '2026-03-20', reporterId: STAFF, status: 'resolved', resolvedDate: '2026-03-10', resolution: '' });
    await seedCase(db, { receivedDate: '2025-11-02', deadline: '2025-11-20', reporterId: STAFF }); // another year
    await db.studySession.create({ data: { topic: '行政复议法', chatId: 'oc_study', openedBy: ADMIN, heldDate: '2026-06-15' } });
    await db.studySession.create({ data: { topic: '民法典', chatId: 'oc_study', openedBy: ADMIN, heldDate: '2026-07-15', attendances: { create: [{ openId: STAFF, status: 'present' }] } } });

    await walk(clock, '2026-12-08T00:00:00+08:00', HOUR, () => t.bot.scheduler.tick());
    const notesToAdmin = () => t.fake.messages.filter((x) => x.receiveId === ADMIN && x.content.text?.startsWith('【年终总结准备】'));
    await waitFor(() => notesToAdmin().length === 2, 5000, 'two weekly notes');
    const notes = notesToAdmin();
    const runs = await db.jobRun.findMany({ where: { jobId: 'yearend.watch' }, orderBy: { periodKey: 'asc' } });
    expect(runs.map((r) => r.periodKey)).toEqual(['2026-12-01 09:30', '2026-12-07 09:30']);
    const text = notes[0]!.content.text as string;
    expect(text).toContain(`一、尚未办结的企业诉求 1 件：${open.code} 星河新材料有限公司。`);
    expect(text).toContain(`二、已办结但未填写办理结果的诉求 1 件：${bare.code}。`);
    expect(text).toContain('三、尚无签到记录的会前学法 1 次：6月15日「行政复议法」。');
    expect(text).toContain('/总结 2026');
  });
});
