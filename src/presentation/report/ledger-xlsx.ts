import ExcelJS from 'exceljs';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells } from './ledger-columns.js';

/** The year's ledger as an .xlsx workbook with the appendix columns (importable by scripts/import-ledger.ts). */
export async function ledgerXlsx(year: number, rows: LedgerEntry[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治助手';
  const ws = wb.addWorksheet(`${year}年企业诉求台账`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.xlsxWidth }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(ledgerCells(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
