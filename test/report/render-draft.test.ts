import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftPosts } from '../../src/presentation/report/draft-messages.js';
import { checkTemplate, draftText, renderDraft } from '../../src/presentation/report/render-draft.js';
import { loadDraftTemplate, parseTemplate, TEMPLATE_PATH } from '../../src/presentation/report/template.js';
import { sourceNotes } from '../../src/presentation/report/draft-sources.js';
import { tallyOf } from '../../src/domain/report/ledger-tally.js';
import { figuresDay } from '../../src/presentation/report/time-words.js';
import { figures, numbersOf, tally } from './support/figures.js';

const template = loadDraftTemplate();
const ORG = '某区投资促进局';

/** A year with something in every data-driven sentence. */
const busy = figures({
  tallies: [
    tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 173, resolved: 151, withinDeadline: 149, open: 22, openOverdue: 17 }),
    tally({ category: 'tax_policy', enterprise: '乙实业有限公司', cases: 41 }),
    tally({ category: 'other', enterprise: '丙商贸有限公司', cases: 13 }),
  ],
  returned: 3,
  avgDays: new Map([['tax_policy', 8.6]]),
  previousAvgDays: new Map([['tax_policy', 5.3]]),
  study: { sessions: 11, present: 97, attendanceRows: 143, averageRate: 0.6781 },
  records: { contract_review: 37, disclosure: 59, meeting: 7, inspection: 9, training: 14 },
});

describe('the draft renderer', () => {
  it('accepts the shipped template, whose wording has no figure of its own', () => {
    expect(() => checkTemplate(template)).not.toThrow();
    const body = readFileSync(TEMPLATE_PATH, 'utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/\{\{[^}]*\}\}/g, '');
    expect(body).not.toMatch(/\d/);
  });

  it('prints only numbers the figures object holds (a number written into the template or code fails here)', () => {
    for (const f of [figures(), busy]) {
      const text = draftText(renderDraft(f, template, ORG));
      const names = f.categories.flatMap((c) => c.examples);
      const printed = [...names.reduce((t, n) => t.split(n).join(''), text).matchAll(/\d+(?:\.\d+)?/g)].map((m) => String(Number(m[0])));
      const known = numbersOf({ f, day: figuresDay(f) });
      expect(printed.length).toBeGreaterThan(3);
      for (const n of printed) expect(known, `「${n}」 is printed but is not a figure`).toContain(n);
    }
  });

  it('follows the structure of the reference, titled with the organisation and year', () => {
    const d = renderDraft(figures(), template, ORG);
    expect(d.title).toBe('某区投资促进局2031年法治政府建设工作总结');
    expect(d.blocks.filter((b) => b.kind === 'h1').map((b) => b.text)).toEqual(['一、工作开展情况', '二、存在问题', '三、下步打算']);
    expect(d.blocks.filter((b) => b.kind === 'para' && b.lead).map((b) => (b as { lead: string }).lead.slice(0, 3))).toEqual(['（一）', '（二）', '（三）']);
  });

  it('writes each category in the reference pattern, leaves out empty ones and claims 「在规定时限内」 when all were in time', () => {
    const text = draftText(renderDraft(figures(), template, ORG));
    expect(text).toContain('共为企业解决问题202件');
    expect(text).toContain('解决甲科技有限公司等申请兑现增值税和企业所得税扶持政策问题办理173件；解决乙实业有限公司等项目基础设施建设问题办理29件，其中问题办结率100%。');
    expect(text).toContain('在规定时限内按流程为企业解决问题');
    expect(text).not.toMatch(/(^|[^\d])0件/);
    expect(text).not.toContain('用人需求');
    expect(text).not.toMatch(/全年落实会前学法/);
  });

  it('gives the share in time instead of 「在规定时限内」 when some were late, and adds data-driven 存在问题 after the fixed ones', () => {
    const text = draftText(renderDraft(busy, template, ORG));
    expect(text).not.toContain('在规定时限内按流程');
    expect(text).toContain('已办结的205件中，203件在规定时限内办结，按时办结率99%。');
    // Not every case is resolved: received and resolved both stated, per category too.
    expect(text).toContain('截至2032年2月17日，我局共受理企业诉求227件，已办结205件，办结率90.3%。');
    expect(text).toContain('其中受理甲科技有限公司、乙实业有限公司等申请兑现增值税和企业所得税扶持政策问题214件（已办结192件）；解决丙商贸有限公司等其他问题办理13件。');
    expect(text).not.toContain('共为企业解决问题');
    expect(text).toContain('另有3件诉求经核实不属于受理范围');
    expect(text).toContain('全年落实会前学法11次，平均每次参学8.8人，参学率67.8%。');
    expect(text).toContain('全年法律顾问审查合同协议37件。');
    expect(text).toContain('全年公开政务信息59条。');
    expect(text).toContain('召开专题推进会议7次。');
    expect(text).toContain('全年开展督查9次。');
    expect(text).toContain('全年开展业务培训、企业座谈14场。');
    const problems = text.slice(text.indexOf('二、存在问题'), text.indexOf('三、下步打算')).split('\n').slice(2).filter(Boolean);
    expect(problems.map((p) => p.slice(0, 2))).toEqual(['一是', '二是', '三是', '四是', '五是', '六是']);
    expect(problems[2]).toBe('三是部分企业诉求办理超出时限。截至2032年2月17日，2031年受理的诉求中尚有17件超过规定时限仍未办结，需加快办理进度。');
    expect(problems[3]).toContain('有2件诉求超过规定时限办结');
    expect(problems[4]).toContain('增值税和企业所得税扶持政策兑现类诉求平均办理用时由上年的5.3个工作日增至8.6个工作日');
    expect(problems[5]).toContain('全年平均参学率为67.8%');
  });

  it('does not claim 「在规定时限内」 while some cases of the year are still open past their deadline', () => {
    const f = figures({
      tallies: [
        tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 31, resolved: 27, withinDeadline: 27, open: 4, openOverdue: 3 }),
      ],
    });
    expect(f.allWithinDeadline).toBe(false);
    const text = draftText(renderDraft(f, template, ORG));
    expect(text).not.toContain('在规定时限内按流程');
    expect(text).toContain('已办结的27件中，27件在规定时限内办结，按时办结率100%。');
    expect(text).toContain('尚有3件超过规定时限仍未办结');
  });

  it('takes its wording from the template file, so the office can change it', () => {
    const edited = readFileSync(TEMPLATE_PATH, 'utf8').replace('诉求总数：{{截至}}，我局共为企业解决问题{{诉求总数}}件。', '诉求总数：本年度共受理企业诉求{{诉求总数}}件。');
    const text = draftText(renderDraft(figures(), parseTemplate(edited), ORG));
    expect(text).toContain('本年度共受理企业诉求202件。');
    expect(text).not.toContain('共为企业解决问题');
  });

  it('compares with the year before where the office puts {{上年对比}}, and says nothing of it without data', () => {
    const edited = parseTemplate(readFileSync(TEMPLATE_PATH, 'utf8').replace('共为企业解决问题{{诉求总数}}件。', '共为企业解决问题{{诉求总数}}件{{上年对比}}。'));
    const withPrevious = draftText(renderDraft(figures({ previous: { total: 150, resolved: 120 } }), edited, ORG));
    expect(withPrevious).toContain('共为企业解决问题202件，较上年增加52件，办结率较上年提高20个百分点。');
    const without = draftText(renderDraft(figures(), edited, ORG));
    expect(without).toContain('共为企业解决问题202件。');
    expect(without).not.toContain('较上年');
    // The shipped template leaves it out, so a draft reads as the office's own summaries do.
    expect(draftText(renderDraft(figures({ previous: { total: 150, resolved: 120 } }), template, ORG))).not.toContain('较上年');
  });

  it('keeps a claim without its record but flags it, and refuses a claim the bot cannot check or one left open', () => {
    const d = renderDraft(busy, template, ORG);
    expect(d.checks).toEqual([]);
    const none = renderDraft(figures(), template, ORG);
    expect(none.checks.map((c) => c.note)).toContain('2031年无督查记录，请核实或删除');
    expect(draftText(none)).toContain('常态化开展日常督查');
    const flagged = none.blocks.flatMap((b) => (b.kind === 'para' ? (b.segments ?? []) : [])).filter((s) => s.note?.kind === 'check');
    expect(flagged.map((s) => s.text)).toContain('常态化开展日常督查');
    const raw = readFileSync(TEMPLATE_PATH, 'utf8');
    expect(() => renderDraft(busy, parseTemplate(raw.replace('{{#督查}}', '{{#宣传}}').replace('{{/督查}}', '{{/宣传}}')), ORG)).toThrow(/宣传.*不是可用的依据/);
    expect(() => renderDraft(busy, parseTemplate(raw.replace('{{/督查}}', '')), ORG)).toThrow(/尚未以「\{\{\/督查\}\}」结束/);
  });

  it('gives every run of text that prints a figure a note naming its source', () => {
    const d = renderDraft(busy, template, ORG, sourceNotes(busy, { ledger: tallyOf([]), returned: [], records: [] }));
    const segments = d.blocks.flatMap((b) => (b.kind === 'para' ? (b.segments ?? []) : []));
    const withFigures = segments.filter((s) => /\d/.test(s.text.replace(/\d{4}年/g, '')));
    expect(withFigures.length).toBeGreaterThan(10);
    for (const s of withFigures) expect(s.note?.text, s.text).toMatch(/^来源：/);
  });

  it('refuses a template that names data the bot does not have', () => {
    const bad = readFileSync(TEMPLATE_PATH, 'utf8').replace('{{学法}}', '{{学法}}{{满意度}}');
    expect(() => renderDraft(figures(), parseTemplate(bad), ORG)).toThrow(/满意度/);
  });

  it('splits a long draft into posts under Lark\'s size limit without losing or reordering a paragraph', () => {
    const d = renderDraft(busy, template, ORG);
    const long = { ...d, blocks: [...d.blocks, ...d.blocks, ...d.blocks, { kind: 'para' as const, text: '很长的段落。'.repeat(3000) }] };
    const posts = draftPosts(long, 8_000);
    expect(posts.length).toBeGreaterThan(2);
    for (const p of posts) expect(Buffer.byteLength(JSON.stringify(p.type === 'post' ? p.post.content : ''))).toBeLessThan(8_000 + 500);
    const joined = posts.flatMap((p) => (p.type === 'post' ? p.post.content.map((para) => para.map((e) => ('text' in e ? e.text : '')).join('')) : []));
    expect(joined.join('')).toBe(long.blocks.map((b) => (b.kind === 'h1' ? b.text : `${b.lead ?? ''}${b.text}`)).join(''));
    expect(posts[1]!.type === 'post' && posts[1]!.post.title).toBe(`${d.title}（续2）`);
  });

  it('sets the 一、二、三 headings in bold in the post, and nothing else', () => {
    const [post] = draftPosts(renderDraft(busy, template, ORG));
    const elements = post!.type === 'post' ? post!.post.content.map((para) => para[0]!) : [];
    const bold = elements.filter((e) => 'style' in e && e.style?.includes('bold')).map((e) => ('text' in e ? e.text : ''));
    expect(bold).toEqual(['一、工作开展情况', '二、存在问题', '三、下步打算']);
  });
});
