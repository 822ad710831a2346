import type { Config } from '../../config.js';
import type { JobContext } from '../../bot/context.js';
import type { JobDefinition } from '../../bot/registry.js';
import { sendDailyReminders } from './daily-reminders-job.js';
import { sendYearEndWatch } from './year-end-watch-job.js';
import { postWeeklyProgress } from './weekly-progress-job.js';
import { closeStudyDay } from './study-close-day-job.js';
import { pruneQueuesJob } from './prune-queues-job.js';
import { backupJob } from './backup-job.js';

/** Replaces jobs of the default list by id (tests, or a deployment that wants another time). */
export interface JobReplacements {
  closeStudyDay?: (ctx: JobContext) => Promise<string | void>;
}

/** Every scheduled job, as data. Times are in BOT_TIMEZONE. */
export function scheduledJobs(config: Config, replacements: JobReplacements = {}): JobDefinition[] {
  return [
    { id: 'progress.weekly', cron: config.BOT_WEEKLY_CRON, summary: '每周工作进展发送至周报群', run: postWeeklyProgress },
    // Every day at 09:00; the job itself skips weekends and holidays and honours 调休 workdays.
    { id: 'cases.daily-reminders', cron: '0 9 * * *', summary: '工作日到期提醒与超期督办', run: sendDailyReminders },
    // Day-of-month and day-of-week combine with OR: 1 December, then every Monday of December.
    { id: 'yearend.watch', cron: '30 9 1 12 1', summary: '12月起每周提示年终总结缺项', run: sendYearEndWatch },
    // Just after midnight: sessions of the day that ended are closed and their absentees recorded.
    { id: 'study.close-day', cron: '5 0 * * *', summary: '结束前一日的会前学法并记录缺席人员', run: replacements.closeStudyDay ?? closeStudyDay },
    { id: 'maintenance.prune-queues', cron: '30 3 * * *', summary: '清理30天前已处理的收发记录（失败记录保留90天）', run: pruneQueuesJob },
    // SQLite only: PostgreSQL is backed up by its server's tools (pg_dump, base backups; docs/operating-data-safety.md).
    ...(config.databaseKind === 'sqlite' ? [{ id: 'maintenance.backup', cron: config.BOT_BACKUP_CRON, summary: '每日在线备份数据库并按保留规则清理旧备份', run: backupJob }] : []),
  ];
}
