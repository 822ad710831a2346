import type { LedgerEntry } from '../../domain/report/year-figures.js';

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
