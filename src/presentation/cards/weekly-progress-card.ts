import { percentOfRate } from '../../domain/report/percent.js';
import { categoryLabel } from '../../domain/cases/categories.js';
import { monthDay } from '../../domain/dates/days.js';
import type { WeeklyProgress } from '../../domain/progress/weekly-progress.js';
import { casesChartElement } from '../charts/cases-chart-spec.js';
import { escapeMarkdown } from './escape-markdown.js';
import { loadTemplate, removeElements, setElement, setHeader, type CardJson } from './template.js';

/** Overdue cases listed on the card; the rest are counted. */
const OVERDUE_LISTED = 15;

/** '87.5%', '100%'; '—' when nothing was received. Rounds by the one rule (report/percent.ts). */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${percentOfRate(rate)}%`;
}

/** The weekly progress (cards/weekly-progress.json) with the native chart element. */
export function weeklyProgressCard(p: WeeklyProgress, o: { org: string; asOf: string; names: Map<string, string>; followupDays: number }): CardJson {
  const card = loadTemplate('weekly-progress');
  setHeader(card, { title: `每周工作进展（${monthDay(p.week.from)}—${monthDay(p.week.to)}）`, subtitle: `${o.org} · 数据截至${o.asOf}` });

  const byCategory = p.newByCategory.map((c) => `${c.label} ${c.count} 件`).join('、');
  const cases = [
    '**一、企业诉求办理**',
    `本周新受理企业诉求 **${p.newTotal}** 件${byCategory ? `：${byCategory}` : ''}。`,
    `本周办结 **${p.resolvedInWeek}** 件；目前在办 **${p.openTotal}** 件，其中超期 **${p.overdue.length}** 件。`,
    // Only when some wait: a week with none reads as before 回访 existed.
    ...(p.followupsDue ? [`已办结待回访 **${p.followupsDue}** 件（办结已满${o.followupDays}个工作日尚未回访）。`] : []),
    `${p.year}年累计受理 **${p.ytd.received}** 件，办结 **${p.ytd.resolved}** 件，办结率 **${percent(p.ytd.rate)}**。`,
  ];
  setElement(card, 'cases', { content: cases.join('\n') });

  if (p.overdue.length) {
    const lines = p.overdue.slice(0, OVERDUE_LISTED).map((c) => {
      // Names as typed: an enterprise called 「<at id=all></at>…」 must not ping the whole report chat.
      const owner = escapeMarkdown(o.names.get(c.ownerId) ?? c.ownerId);
      // Past its deadline but no working day yet since (a Friday deadline seen at the weekend).
      const days = `${c.overdueDays > 0 ? `已超期 ${c.overdueDays} 个工作日` : '已过期限'}${c.approximate ? '（按周一至周五估算）' : ''}`;
      return `- ${c.code}　${escapeMarkdown(c.enterprise)}（${categoryLabel(c.category)}），办理期限${monthDay(c.deadline)}，${days}，承办人：${owner}`;
    });
    const more = p.overdue.length - OVERDUE_LISTED;
    // No <编号> placeholder: Card JSON 2.0 markdown reads <…> as an HTML tag and drops it.
    if (more > 0) lines.push(`- 另有 ${more} 件超期诉求，请发送 /诉求 加编号查看（如 /诉求 ${p.overdue[OVERDUE_LISTED]!.code}）`);
    setElement(card, 'overdue', { content: `**超期未办结诉求**\n${lines.join('\n')}` });
  } else {
    removeElements(card, ['overdue']);
  }

  const s = p.study;
  const study = s.sessions
    ? `本周开展会前学法 **${s.sessions}** 次，签到 ${s.present} 人次，请假 ${s.leave} 人次，缺席 ${s.absent} 人次${s.withoutAttendance ? `；其中 ${s.withoutAttendance} 次尚无签到记录` : ''}。`
    : '本周未开展会前学法。';
  setElement(card, 'study', { content: `**二、会前学法**\n${study}` });

  if (p.chart.series.length) {
    const { tag: _tag, element_id: _id, ...chart } = casesChartElement(p.chart);
    setElement(card, 'cases_chart', chart);
    removeElements(card, ['no_chart']);
  } else {
    setElement(card, 'no_chart', { content: `<font color='grey'>近${p.chart.weeks.length}周暂无新受理诉求，不生成图表。</font>` });
    removeElements(card, ['cases_chart']);
  }
  return card;
}
