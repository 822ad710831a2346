import type { Config } from '../config.js';
import { sendDailyReminders } from '../handlers/jobs/daily-reminders-job.js';
import { sendYearEndWatch } from '../handlers/jobs/year-end-watch-job.js';
import { postWeeklyProgress } from '../handlers/jobs/weekly-progress-job.js';
import type { JobContext, JobDefinition } from './job.js';

/** What other features plug into the schedule. */
export interface JobHooks {
  /**
   * Closes the day's study sessions (the study feature's function). When given, the
   * 'study.close-day' job runs it every evening; without it that job is not scheduled.
   */
  closeStudyDay?: (ctx: JobContext) => Promise<string | void>;
}

/** Every scheduled job, as data. Times are in BOT_TIMEZONE. */
export function scheduledJobs(config: Config, hooks: JobHooks = {}): JobDefinition[] {
  const jobs: JobDefinition[] = [
    { id: 'progress.weekly', cron: config.BOT_WEEKLY_CRON, summary: '每周工作进展发送至周报群', run: postWeeklyProgress },
    // Every day at 09:00; the job itself skips weekends and holidays and honours 调休 workdays.
    { id: 'cases.daily-reminders', cron: '0 9 * * *', summary: '工作日到期提醒与超期督办', run: sendDailyReminders },
    // Day-of-month and day-of-week combine with OR: 1 December, then every Monday of December.
    { id: 'yearend.watch', cron: '30 9 1 12 1', summary: '12月起每周提示年终总结缺项', run: sendYearEndWatch },
  ];
  if (hooks.closeStudyDay) {
    jobs.push({ id: 'study.close-day', cron: '0 20 * * *', summary: '每日结束当天的会前学法签到', run: hooks.closeStudyDay });
  }
  return jobs;
}
