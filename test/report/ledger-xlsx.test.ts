import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/domain/report/year-figures.js';
import { LEDGER_COLUMNS, LEDGER_XLSX_EXTRA_COLUMNS, RETURNED_COLUMNS, RETURNED_TITLE } from '../../src/presentation/report/ledger-columns.js';
import { ledgerXlsx } from '../../src/presentation/report/ledger-xlsx.js';

const entry = (i: number, o: Partial<LedgerEntry> = {}): LedgerEntry => ({
  code: `QY2031-${String(i).padStart(4, '0')}`, enterprise: `企业${i}有限公司`, category: 'tax_policy', receivedDate: '2031-03-01',
  deadline: '2031-03-20', status: 'resolved', resolvedDate: '2031-03-05', withinDeadline: '是', ...o,
});
const returned = [{ code: 'QY2031-0009', enterprise: '退回 & 公司', category: 'other', receivedDate: '2031-01-02', returnReason: null }];

describe('the .xlsx ledger', () => {
  it('lists every row in order over several pages (escaping, control characters, empty cells), then the returned cases', async () => {
    const rows = [
      entry(1),
      entry(2, { enterprise: `A&B <联合> "公司" 'x'\u0001\u0008\t尾`, resolvedDate: null, status: 'in_progress', withinDeadline: '未办结（已超期）' }),
      ...Array.from({ length: 4_100 }, (_, i) => entry(i + 3, { category: i % 2 ? 'other' : 'tax_policy' })),
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await ledgerXlsx(2031, rows, returned)) as unknown as ArrayBuffer);
    const [ledger, back] = wb.worksheets;
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2031年企业诉求台账', RETURNED_TITLE]);
    expect(ledger!.getRow(1).values).toEqual([undefined, ...[...LEDGER_COLUMNS, ...LEDGER_XLSX_EXTRA_COLUMNS].map((c) => c.header)]);
    expect(ledger!.getRow(1).font?.bold).toBe(true);
    expect(ledger!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ledger!.columns.map((c) => c.width)).toEqual([...LEDGER_COLUMNS, ...LEDGER_XLSX_EXTRA_COLUMNS].map((c) => c.xlsxWidth));
    expect(ledger!.rowCount).toBe(rows.length + 1);
    expect(ledger!.getRow(3).values).toEqual([undefined, 'QY2031-0002', `A&B <联合> "公司" 'x'\t尾`, '增值税和企业所得税扶持政策兑现', '2031-03-01', undefined, '未办结（已超期）', undefined, '2031-03-20']);
    const codes: string[] = [];
    ledger!.eachRow((r, n) => void (n > 1 && codes.push(String(r.getCell(1).value))));
    expect(codes).toEqual(rows.map((r) => r.code));
    expect(back!.getRow(1).values).toEqual([undefined, ...RETURNED_COLUMNS.map((c) => c.header)]);
    expect(back!.getRow(2).values).toEqual([undefined, 'QY2031-0009', '退回 & 公司', '其他', '2031-01-02']);
    expect(back!.rowCount).toBe(2);
  });
});
