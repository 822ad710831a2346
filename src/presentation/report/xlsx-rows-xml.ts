/**
 * Sheet rows as SpreadsheetML, written as exceljs' streaming writer writes text cells (the
 * test compares the two): exceljs builds objects per cell and a style per cell, and took six
 * seconds and most of the bot's memory for a ledger of 100,000 rows.
 */

/** exceljs' xmlEncode: markup escaped, control characters other than tab and line breaks dropped. */
const UNSAFE = /[<>&'"\u007F\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const ESC: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const cellText = (s: string) => (UNSAFE.test(s) ? s.replace(/[<>&'"\u007F\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => ESC[c] ?? '') : s);

/** Column letters of the first 26 columns (the ledger has 7). */
const COLUMN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Rows of text cells, the first numbered `firstRow` (1-based, as in the sheet). */
export function sheetRowsXml(rows: readonly string[][], firstRow: number): string {
  let out = '';
  let r = firstRow;
  for (const cells of rows) {
    out += `<row r="${r}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
    for (let c = 0; c < cells.length; c++) out += `<c r="${COLUMN[c]}${r}" t="str"><v>${cellText(cells[c]!)}</v></c>`;
    out += '</row>';
    r++;
  }
  return out;
}
