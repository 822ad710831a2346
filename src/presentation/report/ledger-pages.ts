import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { yieldToEventLoop } from '../../util/in-order.js';

/**
 * The ledger's rows for the .docx appendix and the .xlsx ledger: pages read one at a time from
 * the store (a year of 100,000 cases is never all in memory), or a whole array (tests, imports).
 */
export type LedgerSource = readonly LedgerEntry[] | Iterable<readonly LedgerEntry[]> | AsyncIterable<readonly LedgerEntry[]>;

const PAGE = 2_000;

export async function* pagesOf(source: LedgerSource): AsyncGenerator<readonly LedgerEntry[]> {
  if (Array.isArray(source) && !Array.isArray(source[0])) {
    const rows = source as readonly LedgerEntry[];
    for (let i = 0; i < rows.length; i += PAGE) yield rows.slice(i, i + PAGE);
    return;
  }
  yield* source as Iterable<readonly LedgerEntry[]> | AsyncIterable<readonly LedgerEntry[]>;
}

/** A file written a page of the ledger at a time (the .docx, the .xlsx); `end` gives the file. */
export interface PageWriter {
  /** Resolves when the deflater has taken the page, so that unzipped XML does not pile up. */
  add(page: readonly LedgerEntry[]): Promise<void>;
  end(): Promise<Buffer>;
}

/** The whole file from a source of rows, yielding to the event loop between pages so the bot keeps answering Lark meanwhile. */
export async function writeAllPages(w: PageWriter, source: LedgerSource): Promise<Buffer> {
  for await (const page of pagesOf(source)) {
    await w.add(page);
    await yieldToEventLoop();
  }
  return w.end();
}
