import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { cleanText } from '../../domain/text/clean-input.js';

/** An Excel cell as text: dates as YYYY-MM-DD, rich text and formulas by their shown value. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/**
 * The rows of a ledger file (.csv in UTF-8, with or without BOM, or the first sheet of an .xlsx) as text cells.
 * Blank rows stay (as empty rows), so a row's index is its line in the file for error reports.
 */
export async function readLedgerFile(path: string): Promise<string[][]> {
  // The file is user input like a message: control and bidi characters end here.
  return (await readRows(path)).map((row) => row.map(cleanText));
}

async function readRows(path: string): Promise<string[][]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    return parse(readFileSync(path), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  }
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      while (rows.length < row.number - 1) rows.push([]);
      rows.push(cells);
    });
    return rows;
  }
  throw new Error(`不支持的文件类型「${ext || path}」：请提供 .csv 或 .xlsx 文件`);
}
