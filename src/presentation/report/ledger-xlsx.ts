import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { LEDGER_COLUMNS, LEDGER_XLSX_EXTRA_COLUMNS, ledgerCells, ledgerXlsxExtraCells, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells } from './ledger-columns.js';
import { writeAllPages, type LedgerSource, type PageWriter } from './ledger-pages.js';
import { sheetRowsXml } from './xlsx-rows-xml.js';
import { elementAt, openSplicedZip, writeInPieces } from './zip-splice.js';

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
    [`${year}年企业诉求台账`, [...LEDGER_COLUMNS, ...LEDGER_XLSX_EXTRA_COLUMNS], [[ROWS_MARK]]],
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

export async function openLedgerXlsx(year: number, returned: ReturnedCase[] = []): Promise<PageWriter> {
  const files = unzipSync(new Uint8Array(await workbookAroundMark(year, returned)));
  const xml = strFromU8(files[SHEET]!);
  const [start, end] = elementAt(xml, 'row', ROWS_MARK);
  const sheet = await openSplicedZip(files, SHEET, xml.slice(0, start), xml.slice(end));
  let next = 2;
  return {
    async add(page) {
      const first = next;
      next += page.length;
      await writeInPieces(sheet, page, (piece, at) => sheetRowsXml(piece.map((r) => [...ledgerCells(r), ...ledgerXlsxExtraCells(r)]), first + at));
    },
    end: () => sheet.end(),
  };
}

/** The whole workbook from a source of rows. */
export async function ledgerXlsx(year: number, rows: LedgerSource, returned: ReturnedCase[] = []): Promise<Buffer> {
  return writeAllPages(await openLedgerXlsx(year, returned), rows);
}
