import { lastBackup } from './backup-files.js';

/** After this long without a finished backup, /healthz warns (it stays 200: the bot still works). */
export const BACKUP_WARN_HOURS = 48;

export interface BackupHealth {
  /** When the newest finished backup was taken (ISO), or null when BOT_BACKUP_DIR holds none. */
  lastGood: string | null;
  ageHours: number | null;
  warning?: string;
}

/** What /healthz says of backups: the newest finished one in `dir`, and a warning when it is missing or old. */
export function backupHealth(dir: string, now: Date, databaseKind: 'sqlite' | 'postgres'): BackupHealth {
  const last = lastBackup(dir);
  // PostgreSQL is backed up by its server's tools, which the bot cannot see: no warning for an empty folder.
  if (!last && databaseKind === 'postgres') return { lastGood: null, ageHours: null };
  if (!last) return { lastGood: null, ageHours: null, warning: `备份目录中没有完好的备份：请运行 npm run db:backup 并检查定时备份（BOT_BACKUP_CRON）` };
  const ageHours = Math.round(((now.getTime() - last.createdAt.getTime()) / 3600_000) * 10) / 10;
  return {
    lastGood: last.createdAt.toISOString(),
    ageHours,
    ...(ageHours > BACKUP_WARN_HOURS ? { warning: `最近一次完好的备份已是 ${Math.floor(ageHours)} 小时前（超过 ${BACKUP_WARN_HOURS} 小时）：请检查定时备份和备份目录的磁盘空间` } : {}),
  };
}
