import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells } from './ledger-columns.js';

/**
 * The year's ledger as an .xlsx workbook with the appendix columns and the 办理期限 in force
 * (the import reads it back; with the deadline an extended case imports exactly), then a
 * second sheet 「退回诉求」 with the returned cases and their reasons (the import reads only the
 * first). Written with exceljs' streaming writer: the in-memory workbook is several times
 * slower and larger for 100,000 rows.
 */
export async function ledgerXlsx(year: number, rows: LedgerEntry[], returned: ReturnedCase[] = []): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '法治助手';
  const ws = wb.addWorksheet(`${year}年企业诉求台账`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [...LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.xlsxWidth })), { header: '办理期限', key: 'deadline', width: 12 }];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const [i, r] of rows.entries()) {
    ws.addRow([...ledgerCells(r), r.deadline]).commit();
    if (i % 2_000 === 1_999) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  const back = wb.addWorksheet(RETURNED_TITLE, { views: [{ state: 'frozen', ySplit: 1 }] });
  back.columns = RETURNED_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.xlsxWidth }));
  back.getRow(1).font = { bold: true };
  back.getRow(1).commit();
  for (const r of returned) back.addRow(returnedCells(r)).commit();
  back.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
