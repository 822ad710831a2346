import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells } from './ledger-columns.js';
import { pagesOf, type LedgerSource } from './ledger-pages.js';

/**
 * The year's ledger as an .xlsx workbook with the appendix columns and the 办理期限 in force
 * (the import reads it back; with the deadline an extended case imports exactly), then a
 * second sheet 「退回诉求」 with the returned cases and their reasons (the import reads only the
 * first). Written with exceljs' streaming writer: the in-memory workbook is several times
 * slower and larger for 100,000 rows.
 */
export interface XlsxWriter {
  /** Resolves when the deflater has caught up with the page, so that unzipped XML does not pile up. */
  add(page: readonly LedgerEntry[]): Promise<void>;
  end(): Promise<Buffer>;
}

/**
 * exceljs writes a sheet's XML into the zip's deflate stream without waiting for it: 100,000
 * rows (about 40 MB of XML) are written much faster than zlib, a chunk per event-loop turn,
 * compresses them, and the backlog waited in memory. Waits for the deflate stream to drain.
 * (The sheet's stream and its pipe are exceljs internals: where they are missing, no wait.)
 */
async function deflated(ws: ExcelJS.Worksheet): Promise<void> {
  const pipe = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
  const state = (pipe as unknown as { _writableState?: { needDrain?: boolean } } | undefined)?._writableState;
  // Bounded: should the zip stop reading (an exceljs change), the draft slows down but does not hang.
  if (pipe && state?.needDrain) await Promise.race([once(pipe, 'drain'), new Promise((r) => setTimeout(r, 1000).unref())]);
}

export function openLedgerXlsx(year: number, returned: ReturnedCase[] = []): XlsxWriter {
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
  return {
    async add(page) {
      for (const r of page) ws.addRow([...ledgerCells(r), r.deadline]).commit();
      await deflated(ws);
    },
    async end() {
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
    },
  };
}

/** The whole workbook from a source of rows, a page at a time, yielding between pages so the bot keeps answering meanwhile. */
export async function ledgerXlsx(year: number, rows: LedgerSource, returned: ReturnedCase[] = []): Promise<Buffer> {
  const w = openLedgerXlsx(year, returned);
  for await (const page of pagesOf(rows)) {
    await w.add(page);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return w.end();
}
