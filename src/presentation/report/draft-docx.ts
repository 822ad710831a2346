import {
  AlignmentType, CommentRangeEnd, CommentRangeStart, CommentReference, Document, Footer, LineRuleType, Packer, PageBreak, PageNumber, Paragraph, TextRun,
  type ICommentOptions, type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { elementAt, openSplicedZip, writeInPieces } from './zip-splice.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { cellRowsXml, HEADER_CELL_STYLE, TABLE_END, tableRowsXml, tableStartXml } from './appendix-table-xml.js';
import { FONTS, fontTableXml, runFont, SIZE } from './docx-fonts.js';
import { appendixTitle, RETURNED_COLUMNS, RETURNED_TITLE, returnedCells } from './ledger-columns.js';
import { writeAllPages, type LedgerSource, type PageWriter } from './ledger-pages.js';
import type { Draft, Segment } from './render-draft.js';

const TABLE_MARK = '@@LEDGER_TABLE@@';
const RETURNED_MARK = '@@RETURNED_TABLE@@';
const MM = (mm: number) => Math.round((mm / 25.4) * 1440);
const STYLE = { title: 'DraftTitle', body: 'DraftBody', heading: 'DraftHeading', appendix: 'DraftAppendix', comment: 'DraftComment' } as const;

const COMMENT_AUTHOR = { author: '法治助手', initials: '法治' } as const;

/**
 * A segment as runs: a figure's sentence is the range of a comment naming its source; a claim
 * without a record is highlighted and its comment says what is missing.
 */
function runsOf(seg: Segment, comments: ICommentOptions[]): ParagraphChild[] {
  if (!seg.note) return [new TextRun({ text: seg.text })];
  const id = comments.length;
  comments.push({ id, ...COMMENT_AUTHOR, children: [new Paragraph({ style: STYLE.comment, children: [new TextRun(seg.note.text)] })] });
  const run = seg.note.kind === 'check' ? new TextRun({ text: seg.text, highlight: 'yellow' }) : new TextRun({ text: seg.text });
  return [new CommentRangeStart(id), run, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
}

function paragraphs(d: Draft, comments: ICommentOptions[], withReturned: boolean): Paragraph[] {
  const out = [new Paragraph({ style: STYLE.title, children: [new TextRun(d.title)] })];
  for (const b of d.blocks) {
    if (b.kind === 'h1') out.push(new Paragraph({ style: STYLE.heading, children: [new TextRun(b.text)] }));
    else {
      const runs = (b.segments ?? [{ text: b.text }]).flatMap((seg) => runsOf(seg, comments));
      if (b.lead) runs.unshift(new TextRun({ text: b.lead, font: runFont(FONTS.lead) }));
      out.push(new Paragraph({ style: STYLE.body, children: runs }));
    }
  }
  out.push(new Paragraph({ style: STYLE.appendix, children: [new PageBreak(), new TextRun(appendixTitle(d.year))] }));
  out.push(new Paragraph({ children: [new TextRun(TABLE_MARK)] }));
  if (withReturned) {
    out.push(new Paragraph({ style: STYLE.appendix, spacing: { before: 280 }, children: [new TextRun(RETURNED_TITLE)] }));
    out.push(new Paragraph({ children: [new TextRun(RETURNED_MARK)] }));
  }
  return out;
}

const pageFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: runFont(FONTS.pageNumber), size: SIZE.sihao })],
      }),
    ],
  });

/**
 * Styles of a 公文 (GB/T 9704): body 仿宋_GB2312 三号 on a 28 pt exact line pitch with a
 * two-character indent, 黑体 headings, 方正小标宋 二号 title. Normal is the ledger cell
 * (小五, centred), so that 100,000 table cells need no properties of their own.
 */
const styles = {
  default: { document: { run: { font: runFont(FONTS.body) } } },
  paragraphStyles: [
    { id: 'Normal', name: 'Normal', run: { size: SIZE.xiaowu }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 300, lineRule: LineRuleType.AT_LEAST } } },
    {
      id: STYLE.body, name: '公文正文', basedOn: 'Normal', quickFormat: true,
      run: { size: SIZE.sanhao },
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { line: 560, lineRule: LineRuleType.EXACT }, indent: { firstLine: 2 * 320 } },
    },
    { id: STYLE.heading, name: '公文一级标题', basedOn: STYLE.body, next: STYLE.body, quickFormat: true, run: { font: runFont(FONTS.heading) }, paragraph: { keepNext: true } },
    { id: STYLE.appendix, name: '附件标识', basedOn: STYLE.heading, run: { font: runFont(FONTS.heading) }, paragraph: { indent: { firstLine: 0 }, spacing: { after: 280 } } },
    {
      id: STYLE.title, name: '公文标题', basedOn: STYLE.body, next: STYLE.body, quickFormat: true,
      run: { font: runFont(FONTS.title), size: SIZE.erhao },
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 560 } },
    },
    { id: HEADER_CELL_STYLE, name: '台账表头', basedOn: 'Normal', run: { font: runFont(FONTS.heading) } },
    { id: STYLE.comment, name: '批注', basedOn: 'Normal', run: { size: SIZE.xiaowu }, paragraph: { alignment: AlignmentType.LEFT } },
  ],
};

/**
 * The draft as a .docx: A4 with 公文 margins, page numbers 「— N —」, the fonts with fallbacks
 * in fontTable.xml, then 「附件：<年>年企业诉求台账」 with every counted case. The docx library
 * writes the document around a mark; the table's rows are deflated into the zip as they are
 * added, so only the compressed file grows (a year of 100,000 rows is never held as XML).
 */
export async function openDraftDocx(d: Draft, returned: ReturnedCase[] = []): Promise<PageWriter> {
  const comments: ICommentOptions[] = [];
  const children = paragraphs(d, comments, returned.length > 0);
  const doc = new Document({
    creator: '法治助手',
    title: d.title,
    styles,
    comments: { children: comments },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: MM(37), bottom: MM(35), left: MM(28), right: MM(26), footer: MM(25) } } },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  let xml = strFromU8(files['word/document.xml']!);
  if (returned.length > 0) {
    const [rs, re] = elementAt(xml, 'w:p', RETURNED_MARK);
    xml = xml.slice(0, rs) + tableStartXml(RETURNED_COLUMNS) + cellRowsXml(returned.map(returnedCells)) + TABLE_END + xml.slice(re);
  }
  const [start, end] = elementAt(xml, 'w:p', TABLE_MARK);
  const body = await openSplicedZip(files, 'word/document.xml', xml.slice(0, start) + tableStartXml(), TABLE_END + xml.slice(end));
  return { add: (page) => writeInPieces(body, page, tableRowsXml), end: () => body.end() };
}

/** The whole .docx from a source of rows. */
export async function draftDocx(d: Draft, ledger: LedgerSource, returned: ReturnedCase[] = []): Promise<Buffer> {
  return writeAllPages(await openDraftDocx(d, returned), ledger);
}
