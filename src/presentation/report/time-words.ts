import { chineseDay } from '../../domain/report/day-text.js';
import type { YearFigures } from '../../domain/report/year-figures.js';

/**
 * The day the year's figures hold on. For a past year whose cases were all resolved by 31
 * December that is the year's end; while a case of the year is open (or was resolved later)
 * the figures are today's, so the draft dates them today rather than claim the year's end.
 */
export function figuresDay(f: YearFigures): string {
  const yearEnd = `${f.year}-12-31`;
  if (f.asOf <= yearEnd) return f.asOf;
  return f.open === 0 && (f.lastResolved ?? '') <= yearEnd ? yearEnd : f.asOf;
}

export const isCurrentYear = (f: YearFigures) => f.asOf.slice(0, 4) === String(f.year);

/** The template's 时间 sentences chosen for the year: 截至, 全年, 年内 (see templates/year-end-summary.zh.md). */
export function timeWordNames(f: YearFigures): Record<'截至' | '全年' | '年内', string> {
  const which = isCurrentYear(f) ? '本年' : '往年';
  return { 截至: `时间.截至.${which}`, 全年: `时间.全年.${which}`, 年内: `时间.年内.${which}` };
}

/** Values the time sentences may use. */
export function timeValues(f: YearFigures): Record<'月日' | '数据日期', string> {
  const day = figuresDay(f);
  const [, m, d] = day.split('-').map(Number);
  return { 月日: `${m}月${d}日`, 数据日期: chineseDay(day) };
}
