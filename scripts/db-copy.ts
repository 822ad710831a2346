/**
 * Moves a bot from SQLite to PostgreSQL (to run several replicas):
 *
 *   npm run db:copy -- file:./data/bot.db postgres://user:password@host:5432/bot
 *
 * Copies every table into the PostgreSQL database, which must be empty (it is migrated
 * first), and checks that each table has as many rows on both sides. Stop the bot first.
 * Exit code 0 copied, 1 refused or failed (nothing copied), 2 usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isAppError } from '../src/errors.js';
import { copySqliteToPostgres } from '../src/store/pg/copy-to-postgres.js';

const [from, to] = process.argv.slice(2);
if (!from?.startsWith('file:') || !/^postgres(ql)?:\/\//.test(to ?? '')) {
  console.error('用法：npm run db:copy -- file:./data/bot.db postgres://用户:密码@主机:5432/库名');
  process.exit(2);
}
const path = resolve(from.slice('file:'.length));
if (!existsSync(path)) {
  console.error(`找不到 SQLite 数据库文件：${from}`);
  process.exit(2);
}
const shown = (() => {
  const u = new URL(to!);
  if (u.password) u.password = '***';
  return u.toString();
})();

try {
  const copied = await copySqliteToPostgres(path, to!);
  for (const t of copied) console.log(`  ${t.table}: ${t.rows} 行`);
  console.log(`已复制 ${copied.length} 张表、共 ${copied.reduce((n, t) => n + t.rows, 0)} 行到 ${shown}，行数核对一致。`);
} catch (e) {
  console.error(isAppError(e) ? e.message : `复制失败，未写入任何数据：${(e as Error).message}`);
  process.exitCode = 1;
}
