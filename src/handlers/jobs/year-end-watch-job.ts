import { dayIn } from '../../domain/dates/days.js';
import { yearEndWatchText } from '../../presentation/notices/year-end-watch-notice.js';
import type { JobContext } from '../../bot/context.js';
import { loadYearEndGaps } from '../../store/year-end-gaps.js';
import { text } from '../../bot/message.js';

/** From 1 December, weekly: tells the admins what the year-end draft still lacks. */
export async function sendYearEndWatch(ctx: JobContext): Promise<string> {
  const year = Number(dayIn(ctx.scheduledAt, ctx.config.BOT_TIMEZONE).slice(0, 4));
  const gaps = await loadYearEndGaps(ctx.db, year);
  const message = text(yearEndWatchText(gaps));
  for (const admin of ctx.config.BOT_ADMINS) await ctx.send({ openId: admin }, message, { key: `admin:${admin}` });
  return `${year}年：未办结${gaps.unresolved.length}件，缺办理结果${gaps.resolvedWithoutText.length}件，学法无签到${gaps.sessionsWithoutAttendance.length}次`;
}
