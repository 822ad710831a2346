import type { Config } from '../../config.js';
import { dayIn, minuteIn } from '../../domain/dates/days.js';
import { reportWeek } from '../../domain/progress/report-week.js';
import { receivedSince, summarizeWeek, type WeeklyProgress } from '../../domain/progress/weekly-progress.js';
import { weeklyProgressCard } from '../../presentation/cards/weekly-progress-card.js';
import type { Db } from '../../store/database.js';
import { loadProgressRows } from '../../store/progress.js';
import { resolveNames } from '../../store/users.js';
import { card, type OutMessage } from '../../transport/messages.js';
import type { FileType } from '../../transport/lark-api.js';
import type { Directory } from '../types.js';

/** Weeks shown in the chart of cases per category and week. */
export const CHART_WEEKS = 8;

/**
 * The weekly progress post, for the scheduled job and for /周报 alike. `at` picks the week
 * (a caught-up firing reports on its own week); figures are read as they are now.
 */
export async function composeWeeklyProgress(
  d: { db: Db; config: Config; directory: Directory },
  o: { at: Date; now: Date },
): Promise<{ progress: WeeklyProgress; message: OutMessage }> {
  const tz = d.config.BOT_TIMEZONE;
  const today = dayIn(o.at, tz);
  const week = reportWeek(today);
  const rows = await loadProgressRows(d.db, { week, receivedSince: receivedSince(week, CHART_WEEKS), today });
  const progress = summarizeWeek({ today, week, chartWeeks: CHART_WEEKS, ...rows });
  const names = await resolveNames(d.db, d.directory, progress.overdue.map((c) => c.ownerId), { now: o.now });
  const message = card(weeklyProgressCard(progress, { org: d.config.BOT_ORG_NAME, asOf: minuteIn(o.now, tz), names }));
  return { progress, message };
}

/**
 * In local mode the web chat cannot draw Lark's chart element, so the same chart follows
 * as a PNG rendered on the server. Undefined in Lark mode or when there is nothing to draw.
 */
export async function chartPictureFor(config: Config, p: WeeklyProgress): Promise<{ fileName: string; fileType: FileType; data: Buffer } | undefined> {
  if (config.mode !== 'local' || !p.chart.series.length) return undefined;
  // ECharts and resvg are loaded on first use (local mode only).
  const { renderCasesChartPng } = await import('../../presentation/charts/render-png.js');
  return { fileName: `周报图表-${p.week.from}.png`, fileType: 'stream', data: renderCasesChartPng(p.chart) };
}
