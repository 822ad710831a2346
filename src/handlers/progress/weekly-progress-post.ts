import type { Config } from '../../config.js';
import { dayIn, minuteIn } from '../../domain/dates/days.js';
import { followupDueCutoff } from '../../domain/cases/followup.js';
import { reportWeek } from '../../domain/progress/report-week.js';
import { receivedSince, summarizeWeek, type WeeklyProgress } from '../../domain/progress/weekly-progress.js';
import { weeklyProgressCard } from '../../presentation/cards/weekly-progress-card.js';
import type { Db } from '../../store/database.js';
import { loadProgressRows } from '../../store/progress.js';
import { resolveNames } from '../people/resolve-name.js';
import { card, type OutMessage } from '../../bot/message.js';
import type { Directory } from '../../bot/people.js';

/** Weeks shown in the chart of cases per category and week. */
export const CHART_WEEKS = 8;

/**
 * The weekly progress post, for the scheduled job and for /周报 alike. `at` picks the week
 * (a caught-up firing reports on its own week); figures are read as they are now.
 */
export async function composeWeeklyProgress(
  deps: { db: Db; config: Config; directory: Directory },
  when: { at: Date; now: Date },
): Promise<{ progress: WeeklyProgress; message: OutMessage }> {
  const tz = deps.config.BOT_TIMEZONE;
  const today = dayIn(when.at, tz);
  const week = reportWeek(today);
  const followupCutoff = followupDueCutoff(today, deps.config.BOT_FOLLOWUP_DAYS);
  const rows = await loadProgressRows(deps.db, { week, receivedSince: receivedSince(week, CHART_WEEKS), today, followupCutoff });
  const progress = summarizeWeek({ today, week, chartWeeks: CHART_WEEKS, ...rows });
  const names = await resolveNames(deps.db, deps.directory, progress.overdue.map((c) => c.ownerId), { now: when.now });
  const message = card(weeklyProgressCard(progress, { org: deps.config.BOT_ORG_NAME, asOf: minuteIn(when.now, tz), names, followupDays: deps.config.BOT_FOLLOWUP_DAYS }));
  return { progress, message };
}
