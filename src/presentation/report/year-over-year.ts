import type { YearFigures } from '../../domain/report/year-figures.js';
import { fill, type DraftTemplate } from './template.js';

/**
 * {{上年对比}}: 「，较上年增加N件，办结率较上年提高X个百分点」 from the template's 上年对比 sentences,
 * or '' when the year before has no case (or the template has no such sentence). Optional:
 * the office puts {{上年对比}} into a sentence where it wants the comparison.
 */
export function yearOverYear(f: YearFigures, t: DraftTemplate, values: Record<string, string>): string {
  const p = f.previous;
  const count = t.sentences.get('上年对比');
  if (!p || !count || f.total === 0) return '';
  const diff = f.total - p.total;
  const parts = [diff === 0 ? (t.sentences.get('上年对比.持平') ?? '') : fill(count, { ...values, 增减: diff > 0 ? '增加' : '减少', 增减件数: String(Math.abs(diff)) })];
  const rate = t.sentences.get('上年对比.办结率');
  if (rate && f.resolutionRate !== undefined && p.resolutionRate !== undefined && f.resolutionRate !== p.resolutionRate) {
    const points = Math.round(Math.abs(f.resolutionRate - p.resolutionRate) * 10) / 10;
    parts.push(fill(rate, { ...values, 升降: f.resolutionRate > p.resolutionRate ? '提高' : '下降', 百分点: String(points) }));
  }
  return parts.join('');
}
