import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { LEDGER_COLUMNS, LEDGER_XLSX_EXTRA_COLUMNS, ledgerCells, ledgerXlsxExtraCells, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells, type TableColumn } from './ledger-columns.js';
import { writeAllPages, type LedgerSource, type PageWriter } from './ledger-pages.js';

const LEDGER_SHEET_COLUMNS: readonly Pick<TableColumn, 'header' | 'key' | 'xlsxWidth'>[] = [...LEDGER_COLUMNS, ...LEDGER_XLSX_EXTRA_COLUMNS];

/** A sheet with a bold header row that stays in view when scrolling. */
function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly Pick<TableColumn, 'header' | 'key' | 'xlsxWidth'>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.xlsxWidth }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return ws;
}

/**
 * The ledger as exceljs' streaming writer writes it: each page's rows are committed (written
 * and deflated) as they come, so the year is never held as cells; the returned cases are the
 * second sheet.
 */
export async function openLedgerXlsx(year: number, returned: ReturnedCase[] = []): Promise<PageWriter> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '法治助手';
  const ledger = addSheet(wb, `${year}年企业诉求台账`, LEDGER_SHEET_COLUMNS);
  return {
    async add(page) {
      for (const r of page) ledger.addRow([...ledgerCells(r), ...ledgerXlsxExtraCells(r)]).commit();
    },
    async end() {
      ledger.commit();
      const ws = addSheet(wb, RETURNED_TITLE, RETURNED_COLUMNS);
      for (const r of returned) ws.addRow(returnedCells(r)).commit();
      ws.commit();
      await wb.commit();
      await done;
      return Buffer.concat(chunks);
    },
  };
}

/** The whole workbook from a source of rows. */
export async function ledgerXlsx(year: number, rows: LedgerSource, returned: ReturnedCase[] = []): Promise<Buffer> {
  return writeAllPages(await openLedgerXlsx(year, returned), rows);
}
