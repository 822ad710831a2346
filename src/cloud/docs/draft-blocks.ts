import type { DescendantBody, DocBlock } from '../../transport/cloud-api.js';
import { appendixTitle, LEDGER_COLUMNS, RETURNED_COLUMNS, RETURNED_TITLE, type TableColumn } from '../../presentation/report/ledger-columns.js';
import { checkLines } from '../../presentation/report/draft-messages.js';
import type { Draft, Segment } from '../../presentation/report/render-draft.js';

/*
 * The draft as docx blocks (docx: document.block.descendant create, `descendants`): block
 * types 2 text, 4 heading2, 19 callout, 31 table, 32 table_cell. Pure, so a retry rebuilds
 * exactly the same calls and each call's client_token means the same blocks.
 */
export const BLOCK = { text: 2, heading2: 4, callout: 19, table: 31, tableCell: 32 } as const;

/** docx: at most 1,000 blocks per descendant create. */
export const MAX_BLOCKS_PER_CALL = 1_000;
/** Text background 3 is light yellow (the .docx's highlight); callout 5/5 a light blue box. */
const HIGHLIGHT = 3;
const NOTE_BOX = { background_color: 5, border_color: 5 } as const;
/** Pixel widths from the .docx columns (8,845 twips of text width → 700 px). */
const px = (twips: number) => Math.round((twips * 700) / 8845);

/** A block with all its descendants, the unit that goes whole into one call. */
interface Unit {
  rootId: string;
  blocks: DocBlock[];
}

type Run = NonNullable<DocBlock['text']>['elements'][number];

const run = (content: string, style?: { bold?: boolean; background_color?: number }): Run =>
  style ? { text_run: { content, text_element_style: style } } : { text_run: { content } };

class Ids {
  private n = 0;
  next(): string {
    return `blk_${++this.n}`;
  }
}

function textBlock(ids: Ids, runs: Run[]): Unit {
  const id = ids.next();
  return { rootId: id, blocks: [{ block_id: id, block_type: BLOCK.text, text: { elements: runs } }] };
}

function heading(ids: Ids, content: string): Unit {
  const id = ids.next();
  return { rootId: id, blocks: [{ block_id: id, block_type: BLOCK.heading2, heading2: { elements: [run(content)] } }] };
}

/** A figure's source under its paragraph: a callout holds at least one text block (docx rule). */
function callout(ids: Ids, note: string): Unit {
  const id = ids.next();
  const inner = textBlock(ids, [run(note)]);
  return { rootId: id, blocks: [{ block_id: id, block_type: BLOCK.callout, callout: { ...NOTE_BOX }, children: [inner.rootId] }, ...inner.blocks] };
}

const segmentRun = (s: Segment): Run => (s.note?.kind === 'check' ? run(s.text, { background_color: HIGHLIGHT }) : run(s.text));

/** A table of a header row and `rows`; each cell holds one text block (docx rule). */
function table(ids: Ids, columns: readonly TableColumn[], rows: string[][]): Unit {
  const id = ids.next();
  const cells: string[] = [];
  const blocks: DocBlock[] = [];
  for (const [r, cellsOfRow] of [columns.map((c) => c.header), ...rows].entries()) {
    for (const value of cellsOfRow) {
      const cellId = ids.next();
      const inner = textBlock(ids, [run(value, r === 0 ? { bold: true } : undefined)]);
      cells.push(cellId);
      blocks.push({ block_id: cellId, block_type: BLOCK.tableCell, table_cell: {}, children: [inner.rootId] }, ...inner.blocks);
    }
  }
  const property = { row_size: rows.length + 1, column_size: columns.length, column_width: columns.map((c) => px(c.twips)), header_row: true };
  return { rootId: id, blocks: [{ block_id: id, block_type: BLOCK.table, table: { property }, children: cells }, ...blocks] };
}

/** Rows of one table so that it fits one call: 1 table + (rows + header) × columns × 2 blocks. */
export const rowsPerTable = (columns: number) => Math.floor((MAX_BLOCKS_PER_CALL - 1) / (columns * 2)) - 1;

function tables(ids: Ids, columns: readonly TableColumn[], rows: string[][]): Unit[] {
  const per = rowsPerTable(columns.length);
  const out: Unit[] = [];
  for (let i = 0; i < rows.length; i += per) out.push(table(ids, columns, rows.slice(i, i + per)));
  return out.length ? out : [table(ids, columns, [])];
}

/** The document's blocks, top-level units in order. */
export function draftUnits(d: Draft, ledger: string[][], returned: string[][]): Unit[] {
  const ids = new Ids();
  const out: Unit[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'h1') {
      out.push(heading(ids, b.text));
      continue;
    }
    const segments = b.segments ?? [{ text: b.text }];
    out.push(textBlock(ids, [...(b.lead ? [run(b.lead, { bold: true })] : []), ...segments.map(segmentRun)]));
    for (const s of segments) if (s.note?.kind === 'source') out.push(callout(ids, s.note.text));
  }
  const checks = checkLines(d);
  if (checks.length) {
    out.push(heading(ids, checks[0]!.text));
    for (const l of checks.slice(1)) out.push(textBlock(ids, [run(l.text)]));
  }
  out.push(heading(ids, appendixTitle(d.year)), ...tables(ids, LEDGER_COLUMNS, ledger));
  if (returned.length) out.push(heading(ids, RETURNED_TITLE), ...tables(ids, RETURNED_COLUMNS, returned));
  return out;
}

/** Units packed, in order, into calls of at most 1,000 blocks each. */
export function descendantCalls(units: Unit[]): DescendantBody[] {
  const calls: DescendantBody[] = [];
  let cur: DescendantBody | undefined;
  for (const u of units) {
    if (!cur || cur.descendants.length + u.blocks.length > MAX_BLOCKS_PER_CALL) {
      cur = { children_id: [], descendants: [] };
      calls.push(cur);
    }
    cur.children_id.push(u.rootId);
    cur.descendants.push(...u.blocks);
  }
  return calls;
}

/** The draft's document as the calls that write it, in order. */
export const draftCalls = (d: Draft, ledger: string[][], returned: string[][]) => descendantCalls(draftUnits(d, ledger, returned));
