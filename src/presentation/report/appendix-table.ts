import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { LEDGER_COLUMNS, ledgerCells, type TableColumn } from './ledger-columns.js';

/** The header row's paragraph style; body cells use the document's Normal style (see draft-docx.ts). */
export const HEADER_CELL_STYLE = 'LedgerHeader';

/**
 * A body cell is one paragraph with no properties of its own: the Normal style is the cell
 * style (小五, centred), and the column widths are the header's. Giving the table
 * `columnWidths` instead makes the library write a width into every cell: over 20,000 rows
 * that took about 40% more CPU time. The library escapes markup and drops control characters
 * a pasted name might carry.
 */
export const cellsRow = (cells: readonly string[]) => new TableRow({ children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) });

export const ledgerRow = (e: LedgerEntry) => cellsRow(ledgerCells(e));

/** The header row, repeated on every page; its cells' widths are the table's grid. */
export const headerRow = (columns: readonly TableColumn[] = LEDGER_COLUMNS) =>
  new TableRow({
    tableHeader: true,
    children: columns.map((c) => new TableCell({ width: { size: c.twips, type: WidthType.DXA }, children: [new Paragraph({ text: c.header, style: HEADER_CELL_STYLE })] })),
  });

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** A ruled table of fixed columns, centred, the width of the 公文 text block. */
export function appendixTable(columns: readonly TableColumn[], rows: TableRow[]): Table {
  return new Table({
    rows,
    width: { size: columns.reduce((s, c) => s + c.twips, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: LINE, left: LINE, bottom: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    margins: { left: 60, right: 60 },
  });
}
