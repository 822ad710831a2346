import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/domain/dates/days.js';
import { emptyYearMessage } from '../../src/handlers/commands/summary.js';
import { messageEvent } from '../support/lark-payloads.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { draftFromPosts, sentTexts, uploadedFiles } from './support/draft-output.js';
import { expectReferenceDraft } from './support/expect-reference-draft.js';
import { referenceCases } from './support/reference-cases.js';
import { seedCases, seedStudy } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

async function seedReferenceYear(t: TestBot): Promise<string[]> {
  const codes = await seedCases(t.bot.db, referenceCases());
  // Cases of other years must not be counted.
  await seedCases(t.bot.db, [
    { enterprise: '其他年度企业甲有限公司', category: 'tax_policy', receivedDate: '2022-12-30', resolvedDate: '2023-01-05' },
    { enterprise: '其他年度企业乙有限公司', category: 'other', receivedDate: '2024-01-02', resolvedDate: '2024-01-04' },
  ]);
  return codes;
}

// Drafting a year renders a .docx: a liveness bound generous for a loaded machine.
describe('/总结 through the real webhook (cases seeded through Prisma)', { timeout: 60_000 }, () => {
  it('answers at once, then posts the draft with the reference figures and a .docx listing all 63 codes', async () => {
    t = await startTestBot({ env: { BOT_ORG_NAME: '烈山区投资促进局' } });
    const codes = await seedReferenceYear(t);
    expect((await t.post(messageEvent({ text: '/总结 2023', from: LEADER }))).status).toBe(200);
    await waitFor(() => uploadedFiles(t.fake).length === 1 && t.fake.messages.some((m) => m.msgType === 'file'), 15_000, 'the .docx');

    expectReferenceDraft(t, '烈山区投资促进局', codes);
  });

  it('adds the .xlsx ledger with the same rows on 「/总结 2023 台账」', async () => {
    t = await startTestBot();
    const codes = await seedReferenceYear(t);
    await t.post(messageEvent({ text: '/总结 2023 台账', from: ADMIN }));
    await waitFor(() => uploadedFiles(t.fake).length === 2, 15_000, 'two files');
    const xlsx = uploadedFiles(t.fake).find((f) => f.fileName.endsWith('.xlsx'))!;
    expect(xlsx.fileName).toBe('2023年企业诉求台账.xlsx');
    expect(xlsx.fileType).toBe('xls');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '企业名称', '诉求类别', '受理日期', '办结日期', '是否在时限内', '回访情况', '办理期限', '回访方式', '回访日期', '满意度', '企业意见']);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual(codes);
    expect(rows.every((r) => r[6] === '是')).toBe(true);
  });

  it('tells staff who are neither admins nor leaders that they lack permission, and generates nothing', async () => {
    t = await startTestBot();
    await seedReferenceYear(t);
    await t.post(messageEvent({ text: '/总结 2023', from: STAFF }));
    const reply = await waitFor(() => sentTexts(t.fake)[0], 5000, 'a reply');
    expect(reply).toContain('没有生成年度总结的权限');
    expect(t.fake.messages).toHaveLength(1);
    expect(uploadedFiles(t.fake)).toHaveLength(0);
  });

  it('says clearly that a year with no record of any kind has no draft, invents nothing and shows no file path', async () => {
    t = await startTestBot();
    await seedReferenceYear(t);
    await seedStudy(t.bot.db, '2021-05-06', ['present', 'present']);
    await t.post(messageEvent({ text: '/总结 2020', from: LEADER }));
    await waitFor(() => t.fake.messages.length === 2, 5000, 'two replies');
    expect(sentTexts(t.fake)).toEqual(['正在生成2020年法治政府建设工作总结，请稍候…', emptyYearMessage(2020)]);
    expect(emptyYearMessage(2020)).not.toMatch(/scripts|\.ts|\/|undefined|NaN/);
    expect(t.fake.messages.some((m) => m.msgType === 'post' || m.msgType === 'file')).toBe(false);
  });

  it('drafts this year when no year is given, in a group chat when @-mentioned', async () => {
    t = await startTestBot();
    const today = dayIn(new Date(), 'Asia/Shanghai');
    await seedCases(t.bot.db, [{ enterprise: '本年度企业有限公司', category: 'premises', receivedDate: today }]);
    await t.post(messageEvent({ text: '/总结', from: ADMIN, chatType: 'group' }));
    // In a group the .docx goes to the asker's direct chat; the group's last line says so.
    await waitFor(() => uploadedFiles(t.fake).length === 1 && sentTexts(t.fake).some((x) => x.includes('已发送至您的单聊')), 15_000, 'the .docx');
    const text = draftFromPosts(t.fake);
    expect(text.split('\n')[0]).toBe(`投资促进局${today.slice(0, 4)}年法治政府建设工作总结`);
    // Nothing resolved yet: no 「解决」, no example enterprise, the count dated today.
    const asOf = `截至${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`;
    expect(text).toContain(`${asOf}，我局共受理企业诉求1件，已办结0件，办结率0%。其中受理办公厂房问题1件（已办结0件）。`);
    expect(text).not.toMatch(/共为企业解决问题|本年度企业有限公司|全年|截至目前/);
    expect(text).not.toContain('在规定时限内按流程');
    expect(text).toContain('今年以来，我局认真按照要求全面推进法治政府建设工作');
  });

  it('answers a year that has not begun with the usage, before generating anything', async () => {
    t = await startTestBot();
    await t.post(messageEvent({ text: '/总结 2999', from: LEADER }));
    const reply = await waitFor(() => sentTexts(t.fake)[0], 5000, 'a reply');
    expect(reply).toContain('2999年尚未开始');
    expect(reply).toContain('用法');
  });
});
