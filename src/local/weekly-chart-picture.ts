import type { OutFile } from '../bot/file.js';
import type { WeeklyProgress } from '../domain/progress/weekly-progress.js';

/**
 * The web chat cannot draw Lark's chart element, so in local mode the weekly chart follows
 * the post as a PNG rendered on the server. Undefined when there is nothing to draw.
 */
export async function weeklyChartPicture(progress: WeeklyProgress): Promise<OutFile | undefined> {
  if (!progress.chart.series.length) return undefined;
  // ECharts and resvg are loaded on first use (local mode only).
  const { renderCasesChartPng } = await import('../presentation/charts/render-png.js');
  return { fileName: `周报图表-${progress.week.from}.png`, fileType: 'stream', data: renderCasesChartPng(progress.chart) };
}
