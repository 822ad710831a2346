import { CATEGORIES } from '../../domain/cases/categories.js';
import { chineseDay } from '../../domain/report/day-text.js';
import type { YearFigures } from '../../domain/report/year-figures.js';
import { fill, placeholdersOf, TemplateError, type DraftTemplate } from './template.js';

/** The draft as blocks: the text, the chat post and the .docx are all made from this. */
export type DraftBlock = { kind: 'h1'; text: string } | { kind: 'para'; text: string; lead?: string };

export interface Draft {
  year: number;
  title: string;
  blocks: DraftBlock[];
}

/** Sentences the renderer decides on from the figures; the body names them as {{名称}}. */
const DATA_SENTENCES = [
  '时限表述', '诉求总数', '诉求分类', '按时办结', '退回', '学法', '督查', '专题推进会议', '培训座谈', '政务公开', '合同审查',
  '逾期未办结', '逾期办结', '办理用时增加', '参学率偏低',
] as const;
const HELPER_SENTENCES = ['分类分隔', '学法.无签到记录', '用时增加.明细', '用时增加.分隔', ...CATEGORIES.map((c) => `类别.${c.value}`)];
const BODY_VALUES = ['年份', '单位'];
const CLAUSE_VALUES = ['示例企业', '件数', '分类明细', '类别名称', '上年平均天数', '本年平均天数', '用时增加明细'];

const RECORD_SENTENCE = { 督查: 'inspection', 专题推进会议: 'meeting', 培训座谈: 'training', 政务公开: 'disclosure', 合同审查: 'contract_review' } as const;

const VALUE_NAMES = [
  '年份', '单位', '统计日期', '诉求总数', '已办结数', '办结率', '按时办结数', '按时办结率', '逾期办结数', '逾期办结占比', '逾期未办结数',
  '退回数', '学法次数', '平均参学人数', '参学率', '督查次数', '专题推进会议次数', '培训座谈次数', '政务公开条数', '合同审查件数',
] as const;

/** Every name a sentence may use, with its text from the figures (numbers only from `f`). */
function valuesOf(f: YearFigures, org: string): Record<(typeof VALUE_NAMES)[number], string> {
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    年份: String(f.year),
    单位: org,
    统计日期: chineseDay(f.asOf),
    诉求总数: n(f.total),
    已办结数: n(f.resolved),
    办结率: n(f.resolutionRate),
    按时办结数: n(f.withinDeadline),
    按时办结率: n(f.withinDeadlineRate),
    逾期办结数: n(f.resolvedLate),
    逾期办结占比: n(f.resolvedLateRate),
    逾期未办结数: n(f.openOverdue),
    退回数: n(f.returned),
    学法次数: n(f.study.sessions),
    平均参学人数: n(f.study.averagePresent),
    参学率: n(f.study.attendanceRate),
    督查次数: n(f.records.inspection),
    专题推进会议次数: n(f.records.meeting),
    培训座谈次数: n(f.records.training),
    政务公开条数: n(f.records.disclosure),
    合同审查件数: n(f.records.contract_review),
  };
}

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
    for (const p of placeholdersOf(b.text)) if (!bodyNames.has(p)) throw new TemplateError(`正文中的 {{${p}}} 不是可用的句式或数据名称`);
  }
}

function dataSentence(key: (typeof DATA_SENTENCES)[number], f: YearFigures, t: DraftTemplate, v: Record<string, string>): string {
  const s = (name: string, extra: Record<string, string> = {}) => fill(t.sentences.get(name)!, { ...v, ...extra });
  switch (key) {
    case '时限表述':
      return f.allWithinDeadline ? s(key) : '';
    case '诉求总数':
      return f.total > 0 ? s(key) : '';
    case '诉求分类': {
      if (f.categories.length === 0) return '';
      const clauses = f.categories.map((c) => s(`类别.${c.category}`, { 示例企业: c.examples.join('、'), 件数: String(c.count) }));
      return s(key, { 分类明细: clauses.join(t.sentences.get('分类分隔')!) });
    }
    case '按时办结':
      return f.resolved > 0 && !f.allWithinDeadline ? s(key) : '';
    case '退回':
      return f.returned > 0 ? s(key) : '';
    case '学法':
      if (f.study.sessions === 0) return '';
      return f.study.attendanceRows > 0 ? s(key) : s('学法.无签到记录');
    case '逾期未办结':
      return f.openOverdue > 0 ? s(key) : '';
    case '逾期办结':
      return f.resolvedLate > 0 ? s(key) : '';
    case '办理用时增加': {
      if (f.slowerCategories.length === 0) return '';
      const parts = f.slowerCategories.map((c) =>
        s('用时增加.明细', { 类别名称: c.label, 上年平均天数: String(c.previousAvgDays), 本年平均天数: String(c.avgDays) }),
      );
      return s(key, { 用时增加明细: parts.join(t.sentences.get('用时增加.分隔')!) });
    }
    case '参学率偏低':
      return f.study.lowAttendance ? s(key) : '';
    default:
      return f.records[RECORD_SENTENCE[key]] > 0 ? s(key) : '';
  }
}

const ORDINALS = '一二三四五六七八九十';
export function ordinal(i: number): string {
  if (i < 10) return ORDINALS[i]!;
  const tens = Math.floor((i + 1) / 10);
  const ones = (i + 1) % 10;
  return `${tens > 1 ? ORDINALS[tens - 1] : ''}十${ones ? ORDINALS[ones - 1] : ''}`;
}

/** Pure: the template filled with the figures. Items are numbered 一是、二是… after empty ones are dropped. */
export function renderDraft(f: YearFigures, t: DraftTemplate, org: string): Draft {
  checkTemplate(t);
  const v = valuesOf(f, org);
  const values: Record<string, string> = { ...v };
  for (const key of DATA_SENTENCES) values[key] = dataSentence(key, f, t, v);

  let title = '';
  const blocks: DraftBlock[] = [];
  let lead: string | undefined;
  let item = 0;
  for (const b of t.blocks) {
    const text = fill(b.text, values).trim();
    if (b.kind !== 'item') item = 0;
    if (b.kind === 'title') title = text;
    else if (b.kind === 'h1') blocks.push({ kind: 'h1', text });
    else if (b.kind === 'h2') lead = text;
    else if (text) {
      const body = b.kind === 'item' ? `${ordinal(item++)}是${text}` : text;
      blocks.push(lead ? { kind: 'para', lead, text: body } : { kind: 'para', text: body });
      lead = undefined;
    }
  }
  if (lead) blocks.push({ kind: 'para', lead, text: '' });
  return { year: f.year, title, blocks };
}

/** The draft as plain text: title, then one paragraph per line, run-in headings joined to their paragraph. */
export function draftText(d: Draft): string {
  return [d.title, ...d.blocks.map((b) => (b.kind === 'h1' ? b.text : `${b.lead ?? ''}${b.text}`))].join('\n');
}
