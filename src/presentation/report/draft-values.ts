import { chineseDay } from '../../domain/report/day-text.js';
import type { YearFigures } from '../../domain/report/year-figures.js';
import { fill, type DraftTemplate } from './template.js';
import { timeValues, timeWordNames } from './time-words.js';
import { yearOverYear } from './year-over-year.js';

/** Every name a sentence may use besides the clause values; each one's text comes from the figures. */
export const VALUE_NAMES = [
  '年份', '单位', '统计日期', '截至', '全年', '年内', '诉求总数', '已办结数', '办结率', '按时办结数', '按时办结率', '逾期办结数', '逾期办结占比',
  '逾期未办结数', '退回数', '学法次数', '平均参学人数', '参学率', '督查次数', '专题推进会议次数', '培训座谈次数', '政务公开条数', '合同审查件数', '回访家次', '满意家次', '满意率', '上年对比',
] as const;

/** The values of `VALUE_NAMES` (numbers only from `f`); the time words are the template's 时间 sentences for the year. */
export function draftValues(f: YearFigures, t: DraftTemplate, org: string): Record<string, string> {
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  const base: Record<string, string> = {
    年份: String(f.year),
    单位: org,
    统计日期: chineseDay(f.asOf),
    ...timeValues(f),
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
    回访家次: n(f.followups.total),
    满意家次: n(f.followups.content),
    满意率: n(f.followups.rate),
  };
  for (const [word, sentence] of Object.entries(timeWordNames(f))) base[word] = fill(t.sentences.get(sentence)!, base);
  base.上年对比 = yearOverYear(f, t, base);
  return base;
}
