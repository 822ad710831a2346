import { CATEGORIES } from '../../domain/cases/categories.js';
import type { CasesChart } from '../../domain/progress/weekly-progress.js';

export const CHART_TITLE = '近期各类企业诉求受理情况（件/周）';

/** One colour per category, the same in the card and in the picture. */
const PALETTE = ['#3370FF', '#34C724', '#FF8800', '#7F3BF5', '#F54A45', '#8F959E'];
const colorOf = (category: string) => PALETTE[CATEGORIES.findIndex((c) => c.value === category)] ?? PALETTE[PALETTE.length - 1]!;

/** The card's native chart element (Card JSON 2.0 `chart`, a VChart spec drawn by the Lark client). */
export function casesChartElement(chart: CasesChart): Record<string, unknown> {
  const values = chart.series.flatMap((s) => chart.weeks.map((week, i) => ({ week, category: s.label, count: s.counts[i] ?? 0 })));
  return {
    tag: 'chart',
    element_id: 'cases_chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      title: { text: CHART_TITLE },
      data: [{ id: 'cases', values }],
      xField: 'week',
      yField: 'count',
      seriesField: 'category',
      stack: true,
      color: { type: 'ordinal', domain: chart.series.map((s) => s.label), range: chart.series.map((s) => colorOf(s.category)) },
      legends: { visible: true, orient: 'bottom' },
      label: { visible: false },
    },
  };
}

/** The same chart as an ECharts option, for server-side rendering to SVG/PNG. */
export function casesChartOption(chart: CasesChart, fontFamily: string): Record<string, unknown> {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily },
    title: { text: CHART_TITLE, left: 'center', top: 10, textStyle: { fontFamily, fontSize: 18 } },
    legend: { bottom: 8, textStyle: { fontFamily } },
    grid: { left: 50, right: 30, top: 60, bottom: 70 },
    xAxis: { type: 'category', data: chart.weeks, axisLabel: { fontFamily } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily } },
    series: chart.series.map((s) => ({ name: s.label, type: 'bar', stack: 'cases', data: s.counts, barMaxWidth: 40, itemStyle: { color: colorOf(s.category) } })),
  };
}
