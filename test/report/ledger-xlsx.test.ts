import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/domain/report/year-figures.js';
import { LEDGER_COLUMNS, LEDGER_XLSX_EXTRA_COLUMNS, ledgerCells, ledgerXlsxExtraCells, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells } from '../../src/presentation/report/ledger-columns.js';
import { ledgerXlsx } from '../../src/presentation/report/ledger-xlsx.js';

const entry = (i: number, o: Partial<LedgerEntry> = {}): LedgerEntry => ({
  code: `QY2031-${String(i).padStart(4, '0')}`, enterprise: `企业${i}有限公司`, category: 'tax_policy', receivedDate: '2031-03-01',
  deadline: '2031-03-20', status: 'resolved', resolvedDate: '2031-03-05', withinDeadline: '是', ...o,
});
const returned = [{ code: 'QY2031-0009', enterprise: '退回 & 公司', category: 'other', receivedDate: '2031-01-02', returnReason: null }];

/** What exceljs' streaming writer makes of every row (the ledger before it streamed its own rows). */
async function exceljsLedger(year: number, rows: LedgerEntry[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => stream.on('end', r));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheets = [
    [`${year}年企业诉求台账`, [...LEDGER_COLUMNS, ...LEDGER_XLSX_EXTRA_COLUMNS], rows.map((r) => [...ledgerCells(r), ...ledgerXlsxExtraCells(r)])],
    [RETURNED_TITLE, RETURNED_COLUMNS, returned.map(returnedCells)],
  ] as const;
  for (const [name, columns, cells] of sheets) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.xlsxWidth }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of cells) ws.addRow([...r]).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

describe('the .xlsx ledger', () => {
  it('has sheets exactly as exceljs writes them, rows written by the bot itself over several pages (escaping, control characters, empty cells)', async () => {
    const rows = [
      entry(1),
      entry(2, { enterprise: `A&B <联合> "公司" 'x'\u0001\u0008\t尾`, resolvedDate: null, status: 'in_progress', withinDeadline: '未办结（已超期）' }),
      ...Array.from({ length: 4_100 }, (_, i) => entry(i + 3, { category: i % 2 ? 'other' : 'tax_policy' })),
    ];
    const ours = await ledgerXlsx(2031, rows, returned);
    const theirs = unzipSync(new Uint8Array(await exceljsLedger(2031, rows)));
    const read = await JSZip.loadAsync(ours, { checkCRC32: true });
    expect(Object.keys(read.files).filter((n) => !n.endsWith('/')).sort()).toEqual(Object.keys(theirs).sort());
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml', 'xl/styles.xml']) {
      expect(await read.file(name)!.async('string'), name).toBe(strFromU8(theirs[name]!));
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ours as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(rows.length + 1);
    expect(wb.worksheets[0]!.getRow(3).values).toEqual([undefined, 'QY2031-0002', `A&B <联合> "公司" 'x'\t尾`, '增值税和企业所得税扶持政策兑现', '2031-03-01', undefined, '未办结（已超期）', undefined, '2031-03-20']);
  });
});
