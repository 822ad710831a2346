import { describe, expect, it } from 'vitest';
import { LEDGER_PAGE_SIZE } from '../../src/store/report/load-year-ledger.js';
import { ROWS_PER_PIECE, writeInPieces, type SplicedZip } from '../../src/presentation/report/zip-splice.js';

describe('rows written into a zip entry', () => {
  it('go in pieces of a few rows, in order with their place in the page, never a whole page of text at once', async () => {
    const written: string[] = [];
    const sink: SplicedZip = { write: async (text) => void written.push(text), end: async () => Buffer.alloc(0) };
    const page = Array.from({ length: LEDGER_PAGE_SIZE }, (_, i) => `r${i}`);
    await writeInPieces(sink, page, (piece, first) => `${first}:${piece.join(',')};`);
    expect(written).toHaveLength(Math.ceil(LEDGER_PAGE_SIZE / ROWS_PER_PIECE));
    expect(written.join('')).toBe(written.map((_, k) => `${k * ROWS_PER_PIECE}:${page.slice(k * ROWS_PER_PIECE, (k + 1) * ROWS_PER_PIECE).join(',')};`).join(''));
    // A ledger row is under 400 characters of XML: a piece stays well under V8's large-object size.
    expect(ROWS_PER_PIECE * 400 * 2).toBeLessThan(128 * 1024);
  });
});
