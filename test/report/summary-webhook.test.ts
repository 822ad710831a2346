import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyYearMessage } from '../../src/handlers/commands/summary.js';
import { messageEvent } from '../support/lark-payloads.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { documentXml, draftFromPosts, sentTexts, uploadedFiles } from './support/draft-output.js';
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

describe('/总结 through the real webhook (cases seeded through Prisma)', () => {
  it('answers at once, then posts the draft with the reference figures and a .docx listing all 63 codes', async () => {
    t = await startTestBot({ env: { BOT_ORG_NAME: '烈山区投资促进局' } });
    const codes = await seedReferenceYear(t);
    expect((await t.post(messageEvent({ text: '/总结 2023', from: LEADER }))).status).toBe(200);
    await waitFor(() => uploadedFiles(t.fake).length === 1 && t.fake.messages.some((m) => m.msgType === 'file'), 15_000, 'the .docx');

    expect(sentTexts(t.fake)[0]).toContain('正在生成');
    const text = draftFromPosts(t.fake);
    expect(text.split('\n')[0]).toBe('烈山区投资促进局2023年法治政府建设工作总结');
    for (const heading of ['一、工作开展情况', '（一）', '（二）', '（三）', '二、存在问题', '三、下步打算']) expect(text).toContain(heading);
    expect(text).toContain('共为企业解决问题63件');
    expect(text).toContain('办结率100%');
    expect(text).toContain('在规定时限内按流程为企业解决问题');
    expect(text).toMatch(/解决安徽易加鑫网络科技有限公司、好得科技有限公司等申请兑现增值税和企业所得税扶持政策问题办理39件/);
    expect(text).toMatch(/解决金龙机电\(淮北\)有限公司、安徽和晶智能科技有限公司等企业用人需求问题办理5件/);
    expect(text).toMatch(/解决淮北源淮实业有限公司、河间市恒山密封材料有限公司等项目基础设施建设问题办理10件/);
    expect(text).toMatch(/解决协调安徽合璟科技有限公司等办公厂房问题办理4件/);
    expect(text).toMatch(/帮助解决淮北沃盛体育用品有限公司、安徽新源食品有限公司等企业高管子女入学择校问题办理5件/);
    expect(text).not.toContain('其他问题');
    expect(text).not.toMatch(/其他年度企业/);

    const [docx] = uploadedFiles(t.fake);
    expect(docx!.fileName).toBe('烈山区投资促进局2023年法治政府建设工作总结.docx');
    expect(docx!.fileType).toBe('doc');
    const xml = documentXml(docx!.data);
    expect(xml).toContain('附件：2023年企业诉求台账');
    const listed = [...xml.matchAll(/QY\d{4}-\d{4}/g)].map((m) => m[0]);
    expect(new Set(listed)).toEqual(new Set(codes));
    expect(listed).toHaveLength(63);
    expect(xml).toContain('共为企业解决问题63件');
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
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '企业名称', '诉求类别', '受理日期', '办结日期', '是否在时限内']);
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

  it('says clearly that a year without cases has no draft, and invents nothing', async () => {
    t = await startTestBot();
    await seedReferenceYear(t);
    await seedStudy(t.bot.db, '2021-05-06', ['present', 'present']);
    await t.post(messageEvent({ text: '/总结 2021', from: LEADER }));
    await waitFor(() => t.fake.messages.length === 2, 5000, 'two replies');
    expect(sentTexts(t.fake)).toEqual(['正在生成2021年法治政府建设工作总结，请稍候…', emptyYearMessage(2021)]);
    expect(t.fake.messages.some((m) => m.msgType === 'post' || m.msgType === 'file')).toBe(false);
  });

  it('answers a year that has not begun with the usage, before generating anything', async () => {
    t = await startTestBot();
    await t.post(messageEvent({ text: '/总结 2999', from: LEADER }));
    const reply = await waitFor(() => sentTexts(t.fake)[0], 5000, 'a reply');
    expect(reply).toContain('2999年尚未开始');
    expect(reply).toContain('用法');
  });
});
