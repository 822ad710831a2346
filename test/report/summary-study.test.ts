import { afterEach, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/domain/dates/days.js';
import { messageEvent } from '../support/lark-payloads.js';
import { waitFor, type TestBot } from '../support/test-bot.js';
import { ADMIN, click, LEADER, openSession, STAFF, studyBot } from '../study/study-support.js';
import { draftFromPosts, uploadedFiles } from './support/draft-output.js';
import { seedCases } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('/总结 with 会前学法 recorded through the study cards', () => {
  it('reports sessions, average 签到 per session and the 参学率 of /学法统计, and names low attendance as a problem', async () => {
    t = await studyBot();
    const today = dayIn(new Date(), 'Asia/Shanghai');
    await seedCases(t.bot.db, [{ enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: today, resolvedDate: today }]);
    const first = await openSession(t, '《中华人民共和国宪法》');
    for (const who of [ADMIN, STAFF, LEADER]) expect((await click(t, first, 'study.checkin', who)).status).toBe(200);
    const second = await openSession(t, '《中华人民共和国民法典》');
    await click(t, second, 'study.checkin', ADMIN);
    await click(t, second, 'study.close', ADMIN);
    await waitFor(async () => (await t.bot.db.studyAttendance.count({ where: { status: 'absent' } })) === 2, 5000, 'absences recorded at close');

    await t.post(messageEvent({ text: '/总结', from: LEADER }));
    await waitFor(() => uploadedFiles(t.fake).length === 1, 15_000, 'the .docx');
    const text = draftFromPosts(t.fake);
    // Session rates 3/3 and 1/3: mean 66.7 %; 4 签到 over 2 sessions.
    // The current year: dated 「截至M月D日」, never 「全年」 before a figure.
    const asOf = `截至${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`;
    expect(text).toContain(`${asOf}，落实会前学法2次，平均每次参学2人，参学率66.7%。`);
    expect(text).toContain(`是会前学法参学率不高。${asOf}，平均参学率为66.7%`);
    expect(text).not.toMatch(/全年/);
  });
});
