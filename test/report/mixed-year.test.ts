import { mkdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/domain/dates/days.js';
import { chineseDay } from '../../src/domain/report/day-text.js';
import { LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { say as sayTo } from './support/say.js';
import { documentXml, draftFromPosts, uploadedFiles, zipEntry } from './support/draft-output.js';
import { seedCases, seedStudy } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const say = (text: string, from?: string) => sayTo(t, text, from);

/** The comments of a .docx as their plain text, in order. */
const commentsOf = (docx: Buffer) => [...zipEntry(docx, 'word/comments.xml').matchAll(/<w:comment [\s\S]*?<\/w:comment>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/**
 * 2025, a past year: resolved, open past their deadline, resolved late and returned cases, one
 * study session, 政务公开 logged with quantities, no 督查, 专题推进会议, 培训座谈 or 合同审查.
 */
async function seedMixedYear(): Promise<string[]> {
  const codes = await seedCases(t.bot.db, [
    { enterprise: '淮北甲科技有限公司', category: 'tax_policy', receivedDate: '2025-02-10', resolvedDate: '2025-02-20' },
    { enterprise: '淮北甲科技有限公司', category: 'tax_policy', receivedDate: '2025-03-10', resolvedDate: '2025-03-20' },
    { enterprise: '淮北乙实业有限公司', category: 'tax_policy', receivedDate: '2025-04-01', deadline: '2025-04-22' },
    { enterprise: '淮北甲科技有限公司', category: 'staffing', receivedDate: '2025-05-06', resolvedDate: '2025-05-09' },
    { enterprise: '淮北甲科技有限公司', category: 'staffing', receivedDate: '2025-05-12', resolvedDate: '2025-05-16' },
    { enterprise: '淮北丙电子有限公司', category: 'staffing', receivedDate: '2025-06-02', resolvedDate: '2025-06-05' },
    { enterprise: '淮北丁物流有限公司', category: 'staffing', receivedDate: '2025-06-09', resolvedDate: '2025-06-12' },
    { enterprise: '淮北戊建设有限公司', category: 'infrastructure', receivedDate: '2025-07-01', deadline: '2025-07-21', resolvedDate: '2025-08-04' },
    { enterprise: '淮北己商贸有限公司', category: 'premises', receivedDate: '2025-08-11', status: 'returned', returnReason: '属市场监管部门职责，已告知企业' },
  ]);
  await seedStudy(t.bot.db, '2025-03-05', ['present', 'present', 'leave']);
  expect(await say('/记录 政务公开 发布招商政策文件 15条 2025-04-01')).toBe('已记录：政务公开「发布招商政策文件」15条（2025年4月1日）。2025年政务公开累计15条。');
  expect(await say('/记录 政务公开 公开年度预算 2025-05-01')).toBe('已记录：政务公开「公开年度预算」（2025年5月1日）。2025年政务公开累计16条。');
  return codes;
}

describe('/总结 of a past year with open, overdue, late and returned cases', () => {
  it('states received and resolved, names only resolved firms, dates by the year, flags unsupported claims and cites every source', async () => {
    t = await startTestBot({ env: { BOT_ORG_NAME: '烈山区投资促进局' } });
    const codes = await seedMixedYear();
    await say('/总结 2025 台账', LEADER);
    await waitFor(() => uploadedFiles(t.fake).length === 2, 20_000, 'the .docx and the .xlsx');
    const today = chineseDay(dayIn(new Date(), 'Asia/Shanghai'));
    const text = draftFromPosts(t.fake);

    // 1. A case is open: no 「解决问题8件」, both counts said; per category too.
    expect(text).toContain(`截至${today}，我局共受理企业诉求8件，已办结7件，办结率87.5%。`);
    expect(text).not.toContain('共为企业解决问题');
    // 2. Examples only from resolved cases, preferring firms not named before; 「等」 only when more cases than names.
    expect(text).toContain('其中受理淮北甲科技有限公司等申请兑现增值税和企业所得税扶持政策问题3件（已办结2件）；解决淮北丙电子有限公司、淮北丁物流有限公司等企业用人需求问题办理4件；解决淮北戊建设有限公司项目基础设施建设问题办理1件。');
    expect(text).not.toContain('淮北乙实业有限公司');
    expect(text).toContain('已办结的7件中，6件在规定时限内办结，按时办结率85.7%。');
    expect(text).toContain('另有1件诉求经核实不属于受理范围，已按程序退回');
    // 3. A past year: 「全年」 and 「2025年」, never 「今年」 or 「截至目前」.
    expect(text).toContain('全年落实会前学法1次');
    expect(text).toContain('全年公开政务信息16条。');
    expect(text).toContain('2025年，我局认真按照要求全面推进法治政府建设工作');
    expect(text).not.toMatch(/今年|截至目前/);
    expect(text).toContain(`截至${today}，2025年受理的诉求中尚有1件超过规定时限仍未办结`);
    expect(text).toContain('2025年有1件诉求超过规定时限办结，占已办结诉求的14.3%');
    // 4. Claims without a record stay, listed under 请核实.
    const checks = text.slice(text.indexOf('\n请核实\n'));
    expect(checks).toContain('「常态化开展日常督查」：2025年无督查记录，请核实或删除。');
    expect(checks).toContain('及时召开专题推进会议，研究解决办法」：2025年无专题推进会议记录，请核实或删除。');
    expect(checks).toContain('2025年无业务培训、企业座谈记录');
    expect(checks).toContain('「单位聘请法律顾问，开展政府购买法律服务工作」：2025年无合同审查（法律顾问）记录，请核实或删除。');
    expect(checks).not.toMatch(/会前学法记录|政务公开记录/);
    expect(text).not.toMatch(/undefined|NaN|scripts\//);

    // 5. The .docx: flagged claims highlighted with a comment; every figure sentence carries its source.
    const docx = uploadedFiles(t.fake).find((f) => f.fileName.endsWith('.docx'))!.data;
    const xml = documentXml(docx);
    expect(xml).toContain('<w:highlight w:val="yellow"/>');
    expect(xml).toMatch(/<w:commentRangeStart w:id="0"\/>/);
    const comments = commentsOf(docx);
    expect(comments).toContain('2025年无督查记录，请核实或删除');
    const [open, late, returned] = [codes[2]!, codes[7]!, codes[8]!];
    expect(comments.find((c) => c.startsWith('来源：附件《2025年企业诉求台账》全部8行'))).toContain(`未办结1件：${open}`);
    expect(comments.find((c) => c.includes('为“未办结（已超期）”的1行'))).toContain(open);
    expect(comments.find((c) => c.includes('为“否”的1行') && c.startsWith('来源：附件《2025年企业诉求台账》「是否在时限内」为“否”'))).toContain(late);
    expect(comments).toContain(`来源：附件「退回诉求」表1行：${returned}。`);
    expect(comments.find((c) => c.startsWith('来源：会前学法记录1次'))).toContain('2025年3月5日');
    expect(comments).toContain('来源：登记的政务公开工作2条，合计16条（未写数量的每条计1）：2025年4月1日「发布招商政策文件」15条；2025年5月1日「公开年度预算」。');
    // 9. The returned case is traceable: the appendix's second table and the ledger's second sheet.
    expect(xml).toMatch(new RegExp(`退回诉求[\\s\\S]*${returned}[\\s\\S]*属市场监管部门职责，已告知企业`));
    expect([...xml.slice(0, xml.indexOf('退回诉求</w:t>')).matchAll(/QY2025-\d{4}/g)].map((m) => m[0])).toEqual(codes.slice(0, 8));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(uploadedFiles(t.fake).find((f) => f.fileName.endsWith('.xlsx'))!.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2025年企业诉求台账', '退回诉求']);
    expect(wb.worksheets[1]!.getRow(2).values).toEqual([undefined, returned, '淮北己商贸有限公司', '办公厂房', '2025-08-11', '属市场监管部门职责，已告知企业']);

    // A sample for the docs (opt-in): the README shows a page of it.
    if (process.env.DRAFT_SAMPLE_DIR) {
      mkdirSync(process.env.DRAFT_SAMPLE_DIR, { recursive: true });
      writeFileSync(`${process.env.DRAFT_SAMPLE_DIR}/sample-draft-2025.docx`, docx);
    }
  }, 60_000);
});
