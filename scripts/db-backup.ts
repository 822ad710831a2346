/**
 * Backs up the bot's database now, while the bot runs or not:
 *
 *   npm run db:backup
 *
 * SQLite: an online copy (VACUUM INTO) checked with PRAGMA integrity_check, into BOT_BACKUP_DIR
 * with its manifest, then the retention rule (BOT_BACKUP_KEEP daily copies and the last copy of
 * each month for a year). PostgreSQL: pg_dump -Fc when it is installed. Reads the same
 * environment as the bot (DATABASE_URL, BOT_BACKUP_*). Exit code 0 backed up, 1 failed.
 */
import { resolve } from 'node:path';
import { loadConfigOrExit } from '../src/config.js';
import { backupPostgres } from '../src/store/backup/pg-dump.js';
import { BackupError, backupSqlite, type BackupResult } from '../src/store/backup/sqlite-backup.js';

const config = loadConfigOrExit(process.env);
const now = new Date();
try {
  let result: BackupResult;
  if (config.databaseKind === 'postgres') {
    result = await backupPostgres(config.DATABASE_URL, { dir: config.backupDir, now });
  } else {
    if (process.env.BACKUP_ANNOUNCE) console.log('backup: copying');
    result = await backupSqlite(resolve(config.databasePath), { dir: config.backupDir, now, keep: config.BOT_BACKUP_KEEP, timeZone: config.BOT_TIMEZONE });
  }
  const m = result.manifest;
  console.log(`已备份：${result.path}（${(m.sizeBytes / 1e6).toFixed(1)} MB，SHA-256 ${m.sha256.slice(0, 16)}…，完整性检查 ok）`);
  if (m.tables.enterprise_cases !== undefined) console.log(`  企业诉求 ${m.tables.enterprise_cases} 件，共 ${Object.keys(m.tables).length} 张表（清单：${result.path}.json）`);
  if (result.pruned.length) console.log(`  按保留规则删除旧备份 ${result.pruned.length} 份`);
} catch (e) {
  console.error(e instanceof BackupError ? e.message : `备份失败，未留下备份文件：${(e as Error).message}`);
  process.exitCode = 1;
}
