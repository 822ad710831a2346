/**
 * Puts a backup back in place of the SQLite database. Stop the bot first: the restore refuses
 * while any process has the database open.
 *
 *   npm run db:restore -- data/backups/bot-20261206T023000Z.db
 *
 * Checks the backup (manifest SHA-256, PRAGMA integrity_check), keeps the current file beside
 * it as bot.db.before-restore-<time> (with its -wal/-shm), then swaps. Reads DATABASE_URL like
 * the bot. Exit code 0 restored, 1 refused or failed (nothing changed), 2 usage.
 */
import { resolve } from 'node:path';
import { loadConfigOrExit } from '../src/config.js';
import { RestoreRefused, restoreSqlite } from '../src/store/backup/restore-sqlite.js';

const from = process.argv[2];
if (!from) {
  console.error('用法：npm run db:restore -- <备份文件>，例如 npm run db:restore -- data/backups/bot-20261206T023000Z.db');
  process.exit(2);
}
const config = loadConfigOrExit(process.env);
if (config.databaseKind === 'postgres') {
  console.error('DATABASE_URL 指向 PostgreSQL：请用 pg_restore 恢复 pg_dump 的备份（见 docs/operating-data-safety.md），本命令只恢复 SQLite 数据库。');
  process.exit(2);
}
try {
  const r = await restoreSqlite({ dbPath: resolve(config.databasePath), from: resolve(from), now: new Date() });
  for (const a of r.setAside) console.log(`原数据库已保留为：${a}`);
  console.log(`已恢复：${resolve(config.databasePath)} ← ${resolve(from)}（${r.manifest ? '清单校验一致，' : '无清单，'}完整性检查 ok，企业诉求 ${r.tables.enterprise_cases} 件）。现在可以启动机器人。`);
} catch (e) {
  console.error(e instanceof RestoreRefused ? e.message : `恢复失败：${(e as Error).message}`);
  process.exitCode = 1;
}
