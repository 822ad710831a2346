import { basename, resolve } from 'node:path';
import type { JobContext } from '../../bot/context.js';
import { text } from '../../bot/message.js';
import { minuteIn } from '../../domain/dates/days.js';
import { lastBackup } from '../../store/backup/backup-files.js';
import { BackupError, backupSqlite } from '../../store/backup/sqlite-backup.js';

/** The admins' message for a failed backup: what happened and the last good copy, no file path. */
export function backupFailedText(o: { scheduled: string; why: string; lastGood: string | undefined }): string {
  return [
    `数据库定时备份失败（${o.scheduled}）：${o.why}。`,
    o.lastGood ? `最近一次完好的备份为 ${o.lastGood}。` : '备份目录中尚无完好的备份。',
    '请IT人员查看服务日志，按《数据安全运维》（docs/operating-data-safety.md）处理后运行 npm run db:backup 补做备份。',
  ].join('');
}

/** A failure told in words an admin can act on; the details stay in the log. */
function reason(e: unknown): string {
  if (e instanceof BackupError) return e.message.replace(/。$/, '');
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return '备份目录所在磁盘空间不足';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入备份目录的权限';
  return '备份过程中出错';
}

/**
 * Daily at BOT_BACKUP_CRON (SQLite): an online backup into BOT_BACKUP_DIR. The scheduler's claim
 * makes it one per firing across replicas. A failure goes to every admin once per firing (the
 * message's key is the firing's, so a retry of the run stores no second one) and is rethrown,
 * so the run is recorded as failed and tried again.
 */
export async function backupJob(ctx: JobContext): Promise<string> {
  const { config } = ctx;
  try {
    const r = await backupSqlite(resolve(config.databasePath), { dir: config.backupDir, now: ctx.clock.now(), keep: config.BOT_BACKUP_KEEP, timeZone: config.BOT_TIMEZONE });
    return `已备份 ${basename(r.path)}（${r.manifest.sizeBytes} 字节，诉求 ${r.manifest.tables.enterprise_cases ?? 0} 件）${r.pruned.length ? `，删除旧备份 ${r.pruned.length} 份` : ''}`;
  } catch (e) {
    ctx.log.error({ err: (e as Error).message, dir: config.backupDir }, 'backup failed');
    const last = lastBackup(config.backupDir);
    const message = text(
      backupFailedText({ scheduled: minuteIn(ctx.scheduledAt, config.BOT_TIMEZONE), why: reason(e), lastGood: last ? minuteIn(last.createdAt, config.BOT_TIMEZONE) : undefined }),
    );
    for (const admin of config.BOT_ADMINS) await ctx.send({ openId: admin }, message, { key: `backup-failed:${admin}` });
    throw e;
  }
}
