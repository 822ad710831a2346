import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { draftDocx } from '../../src/presentation/report/draft-docx.js';
import { renderDraft } from '../../src/presentation/report/render-draft.js';
import { loadDraftTemplate } from '../../src/presentation/report/template.js';
import type { LedgerEntry } from '../../src/domain/report/year-figures.js';
import { documentXml, zipEntry } from './support/draft-output.js';
import { figures } from './support/figures.js';

const wellFormed = (xml: string) => {
  const p = new SaxesParser();
  p.write(xml).close();
};

const entry = (i: number, o: Partial<LedgerEntry> = {}): LedgerEntry => ({
  code: `QY2031-${String(i).padStart(4, '0')}`, enterprise: `企业${i}有限公司`, category: 'tax_policy', receivedDate: '2031-03-01',
  deadline: '2031-03-20', status: 'resolved', resolvedDate: '2031-03-05', withinDeadline: '是', ...o,
});

describe('the .docx of the draft', () => {
  const draft = renderDraft(figures(), loadDraftTemplate(), '投资促进局');

  it('is an A4 公文: 仿宋_GB2312 三号 body, 黑体 headings, 方正小标宋 title with fallbacks, page numbers', async () => {
    const docx = await draftDocx(draft, [entry(1)]);
    const doc = documentXml(docx);
    const styles = zipEntry(docx, 'word/styles.xml');
    const fonts = zipEntry(docx, 'word/fontTable.xml');
    const footer = zipEntry(docx, 'word/footer1.xml');
    for (const xml of [doc, styles, fonts, footer]) wellFormed(xml);
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(styles).toMatch(/w:styleId="DraftBody"[\s\S]*?<w:sz w:val="32"\/>/);
    expect(styles).toMatch(/w:styleId="DraftHeading"[\s\S]*?w:eastAsia="黑体"/);
    expect(styles).toMatch(/w:styleId="DraftTitle"[\s\S]*?w:eastAsia="方正小标宋简体"[\s\S]*?<w:sz w:val="44"\/>/);
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="方正小标宋_GBK,华文中宋,宋体,SimSun"/>');
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong/);
    expect(footer).toMatch(/PAGE/);
    expect(doc).toContain(draft.title);
    expect(doc).toContain('共为企业解决问题202件');
  });

  it('ends with the appendix table of every counted case, header repeated on each page, text escaped', async () => {
    // A control character pasted into a name is not allowed in XML: dropped, or Word refuses the file.
    const rows = [entry(1), entry(2, { enterprise: 'A&B <联合> "公司"\u0001', resolvedDate: null, status: 'in_progress', withinDeadline: '未办结（已超期）' }), entry(3)];
    const doc = documentXml(await draftDocx(draft, rows));
    wellFormed(doc);
    const appendix = doc.slice(doc.indexOf('附件：2031年企业诉求台账'));
    expect(appendix).toContain('<w:tblHeader/>');
    for (const h of ['编号', '企业名称', '诉求类别', '受理日期', '办结日期', '是否在时限内']) expect(appendix).toMatch(new RegExp(`<w:pStyle w:val="LedgerHeader"/></w:pPr><w:r><w:t[^>]*>${h}</w:t>`));
    expect([...appendix.matchAll(/QY2031-\d{4}/g)].map((m) => m[0])).toEqual(['QY2031-0001', 'QY2031-0002', 'QY2031-0003']);
    expect(appendix).toContain('A&amp;B &lt;联合&gt; &quot;公司&quot;</w:t>');
    expect(appendix).toContain('未办结（已超期）');
    expect(appendix).toContain('增值税和企业所得税扶持政策兑现');
  });
});
