import { CATEGORIES } from '../../domain/cases/categories.js';
import type { YearFigures } from '../../domain/report/year-figures.js';
import { fill, type DraftTemplate } from './template.js';

/** Sentences the renderer decides on from the figures; the body names them as {{名称}}. */
export const DATA_SENTENCES = [
  '时限表述', '诉求总数', '诉求分类', '按时办结', '回访', '退回', '无诉求', '学法', '督查', '专题推进会议', '培训座谈', '政务公开', '合同审查',
  '逾期未办结', '逾期办结', '办理用时增加', '参学率偏低',
] as const;
export type DataSentence = (typeof DATA_SENTENCES)[number];

export const HELPER_SENTENCES = [
  '诉求总数.未全部办结', '诉求分类.未全部办结', '分类分隔', '学法.无签到记录', '用时增加.明细', '用时增加.分隔', '请核实', '无诉求.请核实',
  ...['截至', '全年', '年内'].flatMap((w) => [`时间.${w}.本年`, `时间.${w}.往年`]),
  ...CATEGORIES.flatMap((c) => [`类别.${c.value}`, `类别.${c.value}.未全部办结`]),
];

export const RECORD_SENTENCE = { 督查: 'inspection', 专题推进会议: 'meeting', 培训座谈: 'training', 政务公开: 'disclosure', 合同审查: 'contract_review' } as const;

/** One decimal always (「8.0个工作日」 beside 「10.5个工作日」), as the issue of uneven decimals asked. */
const oneDecimal = (n: number) => n.toFixed(1);

/** The text of one data sentence for these figures, '' when the figures give it nothing to say. */
export function dataSentence(key: DataSentence, f: YearFigures, t: DraftTemplate, v: Record<string, string>): string {
  const s = (name: string, extra: Record<string, string> = {}) => fill(t.sentences.get(name)!, { ...v, ...extra });
  const allResolved = f.resolved === f.total;
  switch (key) {
    case '时限表述':
      return f.allWithinDeadline ? s(key) : '';
    case '诉求总数':
      if (f.total === 0) return '';
      return allResolved ? s(key) : s(`${key}.未全部办结`);
    case '诉求分类': {
      if (f.categories.length === 0) return '';
      const clauses = f.categories.map((c) => {
        const names = c.examples.join('、');
        const extra = { 示例企业: names, 等: names && c.count > c.examples.length ? '等' : '', 件数: String(c.count), 已办结件数: String(c.resolved) };
        return s(c.resolved === c.count ? `类别.${c.category}` : `类别.${c.category}.未全部办结`, extra);
      });
      return s(allResolved ? key : `${key}.未全部办结`, { 分类明细: clauses.join(t.sentences.get('分类分隔')!) });
    }
    case '按时办结':
      return f.resolved > 0 && !f.allWithinDeadline ? s(key) : '';
    case '回访':
      // Only what the 回访 records show: no record, no sentence (and no 满意率).
      return f.followups.total > 0 ? s(key) : '';
    case '退回':
      return f.returned > 0 ? s(key) : '';
    case '无诉求':
      return f.total === 0 ? s(key) : '';
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
        s('用时增加.明细', { 类别名称: c.label, 上年平均天数: oneDecimal(c.previousAvgDays), 本年平均天数: oneDecimal(c.avgDays) }),
      );
      return s(key, { 用时增加明细: parts.join(t.sentences.get('用时增加.分隔')!) });
    }
    case '参学率偏低':
      return f.study.lowAttendance ? s(key) : '';
    default:
      return f.records[RECORD_SENTENCE[key]] > 0 ? s(key) : '';
  }
}
