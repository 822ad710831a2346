import { percent } from '../../domain/study/statistics.js';
import type { StudyYearStats } from '../../store/study/statistics.js';
import { escapeMarkdown } from './escape-markdown.js';
import { addCallbackValues, loadTemplate, removeElements, setElement, setHeader, type CardJson } from './template.js';

/** `/学法统计` card: sessions of the year and each person's counts and rate, best first. */
export function studyStatsCard(stats: StudyYearStats, o: { names: Map<string, string>; canExport: boolean }): CardJson {
  const card = loadTemplate('study-stats');
  setHeader(card, { title: `${stats.year}年会前学法统计` });
  const { totals } = stats;
  setElement(card, 'summary', {
    content:
      stats.sessions === 0
        ? `${stats.year}年尚未开展会前学法。`
        : `${stats.year}年共开展会前学法 **${stats.sessions}** 次，平均出勤率 **${percent(stats.averageAttendanceRate)}**；` +
          `累计签到 ${totals.present} 人次、请假 ${totals.leave} 人次、缺席 ${totals.absent} 人次。`,
  });
  const lines = stats.perPerson.map((p, i) => {
    const name = escapeMarkdown(o.names.get(p.openId) ?? p.name ?? '');
    const makeup = p.makeup ? `（含补签 ${p.makeup}）` : '';
    return `${i + 1}. ${name}　签到 ${p.present}　请假 ${p.leave}　缺席 ${p.absent}　出勤率 ${percent(p.rate)}${makeup}`;
  });
  setElement(card, 'people', { content: lines.length ? lines.join('\n') : '暂无出勤记录。' });
  if (!o.canExport || stats.sessions === 0) removeElements(card, ['export']);
  addCallbackValues(card, { year: stats.year });
  return card;
}
