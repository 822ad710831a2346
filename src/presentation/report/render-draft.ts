import type { YearFigures } from '../../domain/report/year-figures.js';
import { CLAIMS, isClaim } from './draft-claims.js';
import { DATA_SENTENCES, dataSentence, HELPER_SENTENCES, type DataSentence } from './draft-sentences.js';
import { draftValues, VALUE_NAMES } from './draft-values.js';
import { fill, placeholdersOf, TemplateError, type DraftTemplate } from './template.js';

/** A run of text; `note` makes it a figure with its source ('source') or a claim to verify ('check'). */
export interface Segment {
  text: string;
  note?: { kind: 'source' | 'check'; text: string };
}

/** The draft as blocks: the text, the chat post and the .docx are all made from this. */
export type DraftBlock = { kind: 'h1'; text: string } | { kind: 'para'; text: string; lead?: string; segments?: Segment[] };

/** A sentence kept in the draft although the year has no record for it: the office decides. */
export interface DraftCheck {
  claim: string;
  note: string;
}

export interface Draft {
  year: number;
  title: string;
  blocks: DraftBlock[];
  checks: DraftCheck[];
}

/** Where each data sentence's figures come from (draft-sources.ts), for the .docx comments. */
export type SourceNotes = Partial<Record<DataSentence, string>>;

const BODY_VALUES = ['年份', '单位', '截至', '全年', '年内'];
const CLAUSE_VALUES = ['示例企业', '等', '件数', '已办结件数', '分类明细', '类别名称', '上年平均天数', '本年平均天数', '用时增加明细', '依据名称', '月日', '数据日期', '增减', '增减件数', '升降', '百分点'];
const TOKEN = /\{\{\s*([#/]?)([^{}]+?)\s*\}\}/g;

/** Names the template must use correctly; throws a TemplateError naming the first problem. */
export function checkTemplate(t: DraftTemplate): void {
  const values = new Set<string>([...VALUE_NAMES, ...CLAUSE_VALUES]);
  for (const key of [...HELPER_SENTENCES, ...DATA_SENTENCES]) {
    if (!t.sentences.has(key)) throw new TemplateError(`句式中缺少「${key}」`);
  }
  for (const [key, s] of t.sentences) {
    for (const p of placeholdersOf(s)) if (!values.has(p)) throw new TemplateError(`句式「${key}」中的 {{${p}}} 不是可用的数据名称`);
  }
  const bodyNames = new Set<string>([...BODY_VALUES, ...DATA_SENTENCES]);
  for (const b of t.blocks) {
    let open: string | undefined;
    for (const [, mark, name] of b.text.matchAll(TOKEN)) {
      if (mark && !isClaim(name!)) throw new TemplateError(`「{{${mark}${name}}}」不是可用的依据，可写：${Object.keys(CLAIMS).join('、')}`);
      if (mark === '#') {
        if (open) throw new TemplateError(`「{{#${open}}}」尚未以「{{/${open}}}」结束`);
        open = name;
      } else if (mark === '/') {
        if (open !== name) throw new TemplateError(`「{{/${name}}}」没有对应的「{{#${name}}}」`);
        open = undefined;
      } else if (!bodyNames.has(name!)) throw new TemplateError(`正文中的 {{${name}}} 不是可用的句式或数据名称`);
    }
    if (open) throw new TemplateError(`「{{#${open}}}」尚未以「{{/${open}}}」结束`);
    // A 满意率 or 满意度 written into the body would stand without 回访 records behind it.
    if (/满意/.test(b.text.replace(/\{\{#回访\}\}[\s\S]*?\{\{\/回访\}\}/g, ''))) {
      throw new TemplateError(`正文「${b.text.slice(0, 20)}…」写有满意度：请改用「{{回访}}」句式，或用「{{#回访}}…{{/回访}}」括住，使其以回访记录为依据`);
    }
  }
}

/** Adjacent runs without a note become one. */
function push(out: Segment[], s: Segment): void {
  if (!s.text) return;
  const last = out[out.length - 1];
  if (last && !last.note && !s.note) last.text += s.text;
  else out.push({ ...s });
}

const ORDINALS = '一二三四五六七八九十';
export function ordinal(i: number): string {
  if (i < 10) return ORDINALS[i]!;
  const tens = Math.floor((i + 1) / 10);
  const ones = (i + 1) % 10;
  return `${tens > 1 ? ORDINALS[tens - 1] : ''}十${ones ? ORDINALS[ones - 1] : ''}`;
}

/**
 * Pure: the template filled with the figures. A data sentence is a run of its own carrying its
 * source note; a claim the year has no record for is kept, flagged and listed in `checks`.
 * Items are numbered 一是、二是… after empty ones are dropped.
 */
export function renderDraft(f: YearFigures, t: DraftTemplate, org: string, notes: SourceNotes = {}): Draft {
  checkTemplate(t);
  const values = draftValues(f, t, org);
  const sentences = Object.fromEntries(DATA_SENTENCES.map((k) => [k, dataSentence(k, f, t, values)])) as Record<DataSentence, string>;
  const checks: DraftCheck[] = [];
  const noCases = t.sentences.get('无诉求.请核实')!;

  function segmentsOf(text: string): Segment[] {
    const out: Segment[] = [];
    let claim: { name: string; text: string } | undefined;
    let at = 0;
    const plain = (s: string) => (claim ? (claim.text += s) : push(out, { text: s }));
    for (const m of text.matchAll(TOKEN)) {
      plain(text.slice(at, m.index));
      at = m.index! + m[0].length;
      const [, mark, name] = m as unknown as [string, string, string];
      if (mark === '#') claim = { name, text: '' };
      else if (mark === '/') {
        const c = CLAIMS[name as keyof typeof CLAIMS];
        const body = claim!.text;
        claim = undefined;
        if (c.has(f)) push(out, { text: body });
        else {
          const note = fill(t.sentences.get('请核实')!, { ...values, 依据名称: c.record });
          checks.push({ claim: body, note });
          push(out, { text: body, note: { kind: 'check', text: note } });
        }
      } else if (name in sentences) {
        const s = sentences[name as DataSentence];
        if (claim) claim.text += s;
        else if (name === '无诉求' && s) {
          const note = fill(noCases, values);
          checks.push({ claim: s, note });
          push(out, { text: s, note: { kind: 'check', text: note } });
        } else {
          const source = notes[name as DataSentence];
          push(out, source ? { text: s, note: { kind: 'source', text: source } } : { text: s });
        }
      } else plain(values[name]!);
    }
    plain(text.slice(at));
    return out;
  }

  let title = '';
  const blocks: DraftBlock[] = [];
  let lead: string | undefined;
  let item = 0;
  for (const b of t.blocks) {
    if (b.kind !== 'item') item = 0;
    if (b.kind === 'title') title = fill(b.text, values).trim();
    else if (b.kind === 'h1') blocks.push({ kind: 'h1', text: fill(b.text, values).trim() });
    else if (b.kind === 'h2') lead = fill(b.text, values).trim();
    else {
      const segments = segmentsOf(b.text);
      const text = segments.map((s) => s.text).join('').trim();
      if (!text) continue;
      if (b.kind === 'item') segments.unshift({ text: `${ordinal(item++)}是` });
      const para: DraftBlock = { kind: 'para', text: segments.map((s) => s.text).join('').trim(), segments };
      blocks.push(lead ? { ...para, lead } : para);
      lead = undefined;
    }
  }
  if (lead) blocks.push({ kind: 'para', lead, text: '', segments: [] });
  return { year: f.year, title, blocks, checks };
}

/** The draft as plain text: title, then one paragraph per line, run-in headings joined to their paragraph. */
export function draftText(d: Draft): string {
  return [d.title, ...d.blocks.map((b) => (b.kind === 'h1' ? b.text : `${b.lead ?? ''}${b.text}`))].join('\n');
}
