import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells } from './ledger-columns.js';
import { pagesOf, type LedgerSource } from './ledger-pages.js';
import { sheetRowsXml } from './xlsx-rows-xml.js';
import { elementAt, openSplicedZip, writeInPieces } from './zip-splice.js';

/**
 * The year's ledger as an .xlsx workbook with the appendix columns and the 办理期限 in force
 * (the import reads it back; with the deadline an extended case imports exactly), then a
 * second sheet 「退回诉求」 with the returned cases and their reasons (the import reads only the
 * first). exceljs writes the workbook with the header and a mark where the rows go; the rows
 * are written as they come (xlsx-rows-xml.ts) and deflated into the file (zip-splice.ts).
 */
export interface XlsxWriter {
  /** Resolves when the deflater has taken the page, so that unzipped XML does not pile up. */
  add(page: readonly LedgerEntry[]): Promise<void>;
  end(): Promise<Buffer>;
}

const ROWS_MARK = '@@LEDGER_ROWS@@';
const SHEET = 'xl/worksheets/sheet1.xml';

/** The workbook as exceljs writes it, with the mark as the first sheet's second row. */
async function workbookAroundMark(year: number, returned: ReturnedCase[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '法治助手';
  const sheets: Array<[string, readonly { header: string; key: string; xlsxWidth: number }[], string[][]]> = [
    [`${year}年企业诉求台账`, [...LEDGER_COLUMNS, { header: '办理期限', key: 'deadline', xlsxWidth: 12 }], [[ROWS_MARK]]],
    [RETURNED_TITLE, RETURNED_COLUMNS, returned.map(returnedCells)],
  ];
  for (const [name, columns, rows] of sheets) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.xlsxWidth }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

export async function openLedgerXlsx(year: number, returned: ReturnedCase[] = []): Promise<XlsxWriter> {
  const files = unzipSync(new Uint8Array(await workbookAroundMark(year, returned)));
  const xml = strFromU8(files[SHEET]!);
  const [start, end] = elementAt(xml, 'row', ROWS_MARK);
  const sheet = await openSplicedZip(files, SHEET, xml.slice(0, start), xml.slice(end));
  let next = 2;
  return {
    async add(page) {
      const first = next;
      next += page.length;
      await writeInPieces(sheet, page, (piece, at) => sheetRowsXml(piece.map((r) => [...ledgerCells(r), r.deadline]), first + at));
    },
    end: () => sheet.end(),
  };
}

/** The whole workbook from a source of rows, a page at a time, yielding between pages so the bot keeps answering meanwhile. */
export async function ledgerXlsx(year: number, rows: LedgerSource, returned: ReturnedCase[] = []): Promise<Buffer> {
  const w = await openLedgerXlsx(year, returned);
  for await (const page of pagesOf(rows)) {
    await w.add(page);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return w.end();
}
