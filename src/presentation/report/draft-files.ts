import { LedgerTally } from '../../domain/report/ledger-tally.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { yieldToEventLoop } from '../../util/in-order.js';
import { openDraftDocx } from './draft-docx.js';
import type { Draft } from './render-draft.js';

export interface DraftFiles {
  docx: Buffer;
  /** Only when the ledger was asked for. */
  xlsx?: Buffer;
  /** The rows written into the appendix, counted as they went in: what the pre-send check recomputes from. */
  appendix: LedgerTally;
}

/**
 * The .docx (and the .xlsx ledger when `xlsxYear` is given) from one read of the ledger's
 * pages: each page goes into both files and the appendix tally, then is dropped, so both
 * files list the same rows and the year is never in memory at once. Yields to the event loop
 * between pages so the bot keeps answering Lark meanwhile.
 */
export async function writeDraftFiles(draft: Draft, pages: AsyncIterable<readonly LedgerEntry[]>, returned: ReturnedCase[], xlsxYear?: number): Promise<DraftFiles> {
  const docx = await openDraftDocx(draft, returned);
  // exceljs is loaded on first use: the running bot rarely needs it.
  const xlsx = xlsxYear === undefined ? undefined : await (await import('./ledger-xlsx.js')).openLedgerXlsx(xlsxYear, returned);
  const appendix = new LedgerTally();
  for await (const page of pages) {
    await docx.add(page);
    await xlsx?.add(page);
    appendix.add(page);
    await yieldToEventLoop();
  }
  return { docx: await docx.end(), xlsx: await xlsx?.end(), appendix };
}
