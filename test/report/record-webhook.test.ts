import { afterEach, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/domain/dates/days.js';
import { chineseDay } from '../../src/domain/report/day-text.js';
import { messageEvent } from '../support/lark-payloads.js';
import { LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { draftFromPosts, sentTexts, uploadedFiles } from './support/draft-output.js';
import { seedCases } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const say = async (text: string, o: { from?: string; messageId?: string; eventId?: string } = {}) => {
  const before = t.fake.messages.length;
  await t.post(messageEvent({ text, from: o.from ?? STAFF, ...(o.messageId ? { messageId: o.messageId } : {}), ...(o.eventId ? { eventId: o.eventId } : {}) }));
  return waitFor(() => sentTexts(t.fake)[before], 5000, `the answer to ${text}`);
};

describe('/记录 through the real webhook', () => {
  it('echoes the content as plain text: a mention of everyone or a link typed into /记录 does not become one in the reply', async () => {
    t = await startTestBot();
    const answer = await say('/记录 督查 <at user_id="all"></at>检查[通知](https://example.com) 2023-05-06');
    expect(answer).not.toContain('<at user_id="all">');
    expect(answer).not.toContain('](https://');
    expect(answer.replace(/\u200b/g, '')).toContain('<at user_id="all"></at>检查[通知](https://example.com)');
  });

  it('stores a record with its date and says how many of that kind the year has', async () => {
    t = await startTestBot();
    expect(await say('/记录 合同审查 审查某项目投资协议 2023-05-06')).toBe('已记录：合同审查「审查某项目投资协议」（2023年5月6日）。2023年合同审查累计1件。');
    expect(await say('/记录 培训/座谈 召开重点企业座谈会 2023/6/1')).toContain('培训座谈「召开重点企业座谈会」（2023年6月1日）');
    expect(await say('/记录 合同 审查厂房租赁合同 2023年7月8日')).toContain('2023年合同审查累计2件');
    const rows = await t.bot.db.workRecord.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.kind, r.date, r.recordedBy])).toEqual([
      ['contract_review', '2023-05-06', STAFF],
      ['training', '2023-06-01', STAFF],
      ['contract_review', '2023-07-08', STAFF],
    ]);
  });

  it('dates a record today when no date is given', async () => {
    t = await startTestBot();
    expect(await say('/记录 督查 开展招商项目推进督查')).toContain(`（${chineseDay(dayIn(new Date(), 'Asia/Shanghai'))}）`);
  });

  it('stores nothing twice when Lark delivers the same message again or the same message is handled twice', async () => {
    t = await startTestBot();
    await say('/记录 政务公开 公开年度预算', { messageId: 'om_record_once', eventId: 'ev_record_1' });
    await t.post(messageEvent({ text: '/记录 政务公开 公开年度预算', messageId: 'om_record_once', eventId: 'ev_record_1' }));
    expect(await say('/记录 政务公开 公开年度预算', { messageId: 'om_record_once', eventId: 'ev_record_2' })).toContain('该条记录此前已登记');
    expect(await t.bot.db.workRecord.count()).toBe(1);
  });

  it('explains the usage for an unknown kind, missing content or a future date, and stores nothing', async () => {
    t = await startTestBot();
    expect(await say('/记录')).toContain('用法：/记录 <类型> <内容> [数量] [日期]');
    expect(await say('/记录 宣传 普法宣传')).toContain('未识别的记录类型「宣传」');
    expect(await say('/记录 督查 2024-02-01')).toContain('请填写记录内容');
    expect(await say('/记录 督查 项目督查 2999-03-02')).toContain('晚于今天');
    expect(await t.bot.db.workRecord.count()).toBe(0);
  });

  it('is counted in the year-end draft of the year it is dated in', async () => {
    t = await startTestBot();
    await seedCases(t.bot.db, [{ enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: '2023-03-14', resolvedDate: '2023-03-20' }]);
    await say('/记录 专题推进会议 召开重点项目专题推进会议 2023-04-01');
    await say('/记录 专题推进会议 召开签约项目专题推进会议 2023-09-01');
    await say('/记录 专题推进会议 召开年初专题推进会议 2024-01-05');
    await say('/总结 2023', { from: LEADER });
    await waitFor(() => uploadedFiles(t.fake).length === 1, 15_000, 'the .docx');
    expect(draftFromPosts(t.fake)).toContain('召开专题推进会议2次。');
  });
});

describe('/记录 with a quantity', () => {
  it('confirms the quantity and the year total, sums 条 for 政务公开 and counts entries without one as 1', async () => {
    t = await startTestBot();
    expect(await say('/记录 政务公开 发布政策文件 15条 2023-05-06')).toBe('已记录：政务公开「发布政策文件」15条（2023年5月6日）。2023年政务公开累计15条。');
    expect(await say('/记录 政务公开 公开年度预算 2023-06-01')).toContain('2023年政务公开累计16条。');
    expect(await say('/记录 专题推进会议 召开签约项目推进会 2次 2023-07-01')).toContain('「召开签约项目推进会」2次（2023年7月1日）。2023年专题推进会议累计2次。');
    const rows = await t.bot.db.workRecord.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.content, r.quantity, r.unit])).toEqual([['发布政策文件', 15, '条'], ['公开年度预算', null, null], ['召开签约项目推进会', 2, '次']]);
  });

  it('refuses a unit that does not fit the kind and a quantity with no content, and stores nothing', async () => {
    t = await startTestBot();
    expect(await say('/记录 政务公开 发布政策文件 3份')).toContain('政务公开的数量请以“条”或“篇”或“项”为单位');
    expect(await say('/记录 合同审查 5份 2023-05-06')).toContain('请填写记录内容');
    expect(await say('/记录 督查 项目督查 0次')).toContain('数量应在1到100000之间');
    expect(await t.bot.db.workRecord.count()).toBe(0);
  });
});
