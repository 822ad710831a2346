import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_PAGE_SIZE, yearLedgerPages } from '../../src/store/report/load-year-ledger.js';
import { messageEvent } from '../support/lark-payloads.js';
import { ADMIN, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { documentXml, uploadedFiles } from './support/draft-output.js';
import { seedCases } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());
const TODAY = '2026-11-25';

async function read(pages: AsyncIterable<Array<{ code: string }>>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const p of pages) out.push(p.map((r) => r.code));
  return out;
}

describe('the year ledger, read in pages', () => {
  it('gives the counted cases of the year in code order, a page at a time, read afresh on each pass', async () => {
    t = await startTestBot();
    const day = (m: number) => `2023-0${m}-10`;
    await seedCases(t.bot.db, [
      { enterprise: '甲有限公司', category: 'tax_policy', receivedDate: day(1), resolvedDate: day(2) },
      { enterprise: '乙有限公司', category: 'other', receivedDate: day(2) },
      { enterprise: '丙有限公司', category: 'other', receivedDate: day(3), status: 'returned', returnReason: '不属于受理范围' },
      { enterprise: '甲有限公司', category: 'tax_policy', receivedDate: day(4), resolvedDate: day(5) },
      { enterprise: '丁有限公司', category: 'other', receivedDate: day(5) },
      { enterprise: '上年企业有限公司', category: 'other', receivedDate: '2022-12-30' },
    ]);
    const pages = yearLedgerPages(t.bot.db, 2023, TODAY, 2);
    expect(await read(pages)).toEqual([['QY2023-0001', 'QY2023-0002'], ['QY2023-0004', 'QY2023-0005']]);
    await seedCases(t.bot.db, [{ enterprise: '戊有限公司', category: 'other', receivedDate: day(6) }]);
    expect(await read(pages)).toEqual([['QY2023-0001', 'QY2023-0002'], ['QY2023-0004', 'QY2023-0005'], ['QY2023-0006']]);
  });

  it('/总结 台账 over more cases than a page never reads more than a page at once, and both files list every case', async () => {
    t = await startTestBot();
    const cases = LEDGER_PAGE_SIZE + 1;
    const firm = await t.bot.db.enterprise.create({ data: { name: '基准企业有限公司', normalizedName: '基准企业' } });
    await t.bot.db.enterpriseCase.createMany({
      data: Array.from({ length: cases }, (_, i) => ({
        code: `QY2023-${String(i + 1).padStart(4, '0')}`, year: 2023, seq: i + 1, enterpriseId: firm.id, category: 'tax_policy', content: '测试诉求',
        receivedDate: '2023-03-01', deadlineDays: 15, originalDeadline: '2023-03-20', deadline: '2023-03-20', status: 'resolved', reporterId: 'ou_seed',
        resolvedDate: '2023-03-05', source: 'demo',
      })),
    });
    const reads: number[] = [];
    const sql = t.bot.db.sql;
    const page = sql.ledgerPage.bind(sql);
    sql.ledgerPage = async (...a) => {
      const rows = await page(...a);
      reads.push(rows.length);
      return rows;
    };
    await t.post(messageEvent({ text: '/总结 2023 台账', from: ADMIN }));
    await waitFor(() => uploadedFiles(t.fake).length === 2, 60_000, 'two files');
    // Two passes (the source notes, then both files with the check's count), each a full page then the rest.
    expect(reads).toEqual([LEDGER_PAGE_SIZE, 1, LEDGER_PAGE_SIZE, 1]);
    const [docx, xlsx] = uploadedFiles(t.fake);
    expect(documentXml(docx!.data).match(/QY2023-\d{4}/g)).toHaveLength(cases);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx!.data as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(cases + 1);
  }, 60_000);
});
