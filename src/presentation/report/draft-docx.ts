import { AlignmentType, Document, Footer, LineRuleType, Packer, PageBreak, PageNumber, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { appendixTableXml, CELL_STYLE, HEADER_CELL_STYLE } from './appendix-table-xml.js';
import { FONTS, fontTableXml, runFont, SIZE } from './docx-fonts.js';
import { appendixTitle } from './ledger-columns.js';
import type { Draft } from './render-draft.js';

const TABLE_MARK = '@@LEDGER_TABLE@@';
/** Page numbers sit about 7 mm below the text block (bottom margin 35 mm). 28 pt exact line pitch and a two-character first-line indent, as in GB/T 9704. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: 2 * 320 };
const MM = (mm: number) => Math.round((mm / 25.4) * 1440);

function paragraphs(d: Draft): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 560 },
      children: [new TextRun({ text: d.title, font: runFont(FONTS.title), size: SIZE.erhao })],
    }),
  ];
  for (const b of d.blocks) {
    if (b.kind === 'h1') out.push(new Paragraph({ indent: INDENT, children: [new TextRun({ text: b.text, font: runFont(FONTS.heading) })] }));
    else {
      const runs = [new TextRun({ text: b.text })];
      if (b.lead) runs.unshift(new TextRun({ text: b.lead, font: runFont(FONTS.lead) }));
      out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: INDENT, children: runs }));
    }
  }
  return out;
}

function appendix(year: number): Paragraph[] {
  return [
    new Paragraph({ children: [new PageBreak(), new TextRun({ text: appendixTitle(year), font: runFont(FONTS.heading) })] }),
    new Paragraph({ children: [new TextRun(TABLE_MARK)] }),
  ];
}

const pageFooter = new Footer({
  children: [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: runFont(FONTS.pageNumber), size: SIZE.sihao })],
    }),
  ],
});

/** Replaces the paragraph holding the mark with the table. */
function injectTable(documentXml: string, tableXml: string): string {
  const at = documentXml.indexOf(TABLE_MARK);
  const start = Math.max(documentXml.lastIndexOf('<w:p>', at), documentXml.lastIndexOf('<w:p ', at));
  const end = documentXml.indexOf('</w:p>', at) + '</w:p>'.length;
  return documentXml.slice(0, start) + tableXml + documentXml.slice(end);
}

/**
 * The draft as a .docx: A4 with 公文 margins, 仿宋_GB2312 三号 body, 黑体 headings, 楷体 run-in
 * headings, 方正小标宋 title (fallbacks in fontTable.xml), page numbers 「— N —」, and the
 * appendix table of every counted case.
 */
export async function draftDocx(d: Draft, ledger: LedgerEntry[]): Promise<Buffer> {
  const doc = new Document({
    creator: '法治助手',
    title: d.title,
    styles: {
      default: {
        document: {
          run: { font: runFont(FONTS.body), size: SIZE.sanhao },
          paragraph: { spacing: LINE },
        },
      },
      paragraphStyles: [
        { id: CELL_STYLE, name: 'Ledger Cell', run: { font: runFont(FONTS.body), size: SIZE.wuhao }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AT_LEAST }, alignment: AlignmentType.CENTER } },
        { id: HEADER_CELL_STYLE, name: 'Ledger Header Cell', run: { font: runFont(FONTS.heading), size: SIZE.wuhao }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AT_LEAST }, alignment: AlignmentType.CENTER } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: MM(37), bottom: MM(35), left: MM(28), right: MM(26), footer: MM(25) },
          },
        },
        footers: { default: pageFooter },
        children: [...paragraphs(d), ...appendix(d.year)],
      },
    ],
  });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const documentXml = strFromU8(files['word/document.xml']!);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) out[name] = data;
  out['word/document.xml'] = strToU8(injectTable(documentXml, appendixTableXml(ledger)));
  out['word/fontTable.xml'] = strToU8(fontTableXml());
  return Buffer.from(zipSync(out, { level: 6 }));
}
