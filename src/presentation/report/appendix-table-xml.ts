import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells, type TableColumn } from './ledger-columns.js';

/** The header row's paragraph style; body cells use the document's Normal style (see draft-docx.ts). */
export const HEADER_CELL_STYLE = 'LedgerHeader';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Escapes markup and drops what XML 1.0 forbids (control characters a pasted name might carry). */
const UNSAFE = /[\u0000-\u001F&<>"\uFFFE\uFFFF]|^\s|\s$/;
const xmlText = (s: string) =>
  UNSAFE.test(s) ? s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"]/g, (c) => ESC[c]!).trim() : s;

const BORDER = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');

/**
 * The appendix table as WordprocessingML strings: the docx library builds an object per cell
 * and needs minutes and gigabytes for 100,000 rows. Cells carry no properties of their own (the
 * Normal style is the cell style), which keeps a row at about 350 bytes.
 */
export function tableStartXml(columns: readonly TableColumn[] = LEDGER_COLUMNS): string {
  const header = columns.map((c) => `<w:tc><w:p><w:pPr><w:pStyle w:val="${HEADER_CELL_STYLE}"/></w:pPr><w:r><w:t>${xmlText(c.header)}</w:t></w:r></w:p></w:tc>`).join('');
  return [
    `<w:tbl><w:tblPr><w:tblW w:w="${columns.reduce((s, c) => s + c.twips, 0)}" w:type="dxa"/><w:jc w:val="center"/>`,
    `<w:tblBorders>${BORDER}</w:tblBorders><w:tblLayout w:type="fixed"/>`,
    `<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>`,
    `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c.twips}"/>`).join('')}</w:tblGrid>`,
    // The header row repeats on every page.
    `<w:tr><w:trPr><w:tblHeader/></w:trPr>${header}</w:tr>`,
  ].join('');
}

export function tableRowsXml(rows: readonly LedgerEntry[]): string {
  return cellRowsXml(rows.map(ledgerCells));
}

export function cellRowsXml(rows: string[][]): string {
  let out = '';
  for (const cells of rows) {
    out += '<w:tr>';
    for (const t of cells) out += `<w:tc><w:p><w:r><w:t>${xmlText(t)}</w:t></w:r></w:p></w:tc>`;
    out += '</w:tr>';
  }
  return out;
}

export const TABLE_END = '</w:tbl>';
