import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells } from './ledger-columns.js';

/** Paragraph styles the table refers to; defined once in styles.xml by draft-docx.ts. */
export const CELL_STYLE = 'LedgerCell';
export const HEADER_CELL_STYLE = 'LedgerHeaderCell';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]!);
/** Characters XML 1.0 forbids (control characters a pasted name might carry). */
const stripInvalid = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

const cell = (style: string, text: string) =>
  `<w:tc><w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t xml:space="preserve">${escapeXml(stripInvalid(text))}</w:t></w:r></w:p></w:tc>`;

const BORDER = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');

/**
 * The appendix table as WordprocessingML, written as a string: the docx library builds an
 * object per cell and needs minutes and gigabytes for 100,000 rows; this takes well under a second.
 * The header row repeats on every page.
 */
export function appendixTableXml(rows: LedgerEntry[]): string {
  const parts: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:w="${LEDGER_COLUMNS.reduce((s, c) => s + c.twips, 0)}" w:type="dxa"/><w:jc w:val="center"/>`,
    `<w:tblBorders>${BORDER}</w:tblBorders><w:tblLayout w:type="fixed"/>`,
    `<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>`,
    `<w:tblGrid>${LEDGER_COLUMNS.map((c) => `<w:gridCol w:w="${c.twips}"/>`).join('')}</w:tblGrid>`,
    `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${LEDGER_COLUMNS.map((c) => cell(HEADER_CELL_STYLE, c.header)).join('')}</w:tr>`,
  ];
  for (const r of rows) parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${ledgerCells(r).map((t) => cell(CELL_STYLE, t)).join('')}</w:tr>`);
  parts.push('</w:tbl>');
  return parts.join('');
}
