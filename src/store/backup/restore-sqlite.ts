import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { manifestSchema } from './backup-files.js';
import { inspectSqliteFile, sha256OfFile } from './inspect-sqlite-file.js';

export class RestoreRefused extends Error {}

/**
 * Whether any process has the database open (a bot, a script): a connection that asks for
 * SQLite's exclusive lock gets it only when no other connection holds the file. Kept open on
 * success, so nothing can open the file until the swap is done; a stopped or killed bot holds
 * nothing, so nothing stale can block a restore.
 */
function lockAlone(dbPath: string): Database.Database {
  const db = new Database(dbPath, { timeout: 200, fileMustExist: true });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (e) {
    db.close();
    if (/locked|busy/i.test((e as Error).message)) {
      throw new RestoreRefused(`数据库 ${basename(dbPath)} 正被使用（机器人或其他程序正在运行）：请先停止机器人（npm start 所在进程、systemd 服务或容器），再恢复。`);
    }
    throw e;
  }
}

/** Checks a file to restore: its manifest's SHA-256 when it has one, SQLite's integrity check, and that it is this bot's database. */
export async function checkRestoreFile(from: string): Promise<{ tables: Record<string, number>; manifest: boolean }> {
  if (!existsSync(from)) throw new RestoreRefused(`找不到备份文件 ${basename(from)}`);
  const hasManifest = existsSync(`${from}.json`);
  if (hasManifest) {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${from}.json`, 'utf8')));
    if ((await sha256OfFile(from)) !== manifest.sha256) throw new RestoreRefused(`备份文件 ${basename(from)} 与其清单中的 SHA-256 不符（文件已损坏或被改动），未恢复。`);
  }
  let result;
  try {
    result = await inspectSqliteFile(from);
  } catch (e) {
    throw new RestoreRefused(`${basename(from)} 不是可读的 SQLite 数据库（${(e as Error).message.slice(0, 120)}），未恢复。`);
  }
  if (result.check !== 'ok') throw new RestoreRefused(`备份文件 ${basename(from)} 未通过完整性检查（${result.check.slice(0, 200)}），未恢复。`);
  if (!('enterprise_cases' in result.tables) || !('_prisma_migrations' in result.tables)) throw new RestoreRefused(`${basename(from)} 不是法治助手的数据库，未恢复。`);
  return { tables: result.tables, manifest: hasManifest };
}

async function fsyncPath(path: string): Promise<void> {
  const h = await open(path, 'r');
  await h.sync().finally(() => h.close());
}

/**
 * Puts a backup in place of the database, with no bot running on it: the backup is checked
 * first; the current file is checkpointed (its -wal folded in) and kept beside it as
 * `<file>.before-restore-<time>`; the backup is copied under a temporary name, flushed and
 * renamed over. A -wal or -shm file left over goes aside too: beside the new file it would be
 * read as part of it.
 */
export async function restoreSqlite(o: { dbPath: string; from: string; now: Date }): Promise<{ setAside: string[]; tables: Record<string, number>; manifest: boolean }> {
  const checked = await checkRestoreFile(o.from);
  const stamp = o.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const setAside: string[] = [];
  if (existsSync(o.dbPath)) {
    const alone = lockAlone(o.dbPath);
    try {
      alone.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      alone.close();
    }
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(o.dbPath + suffix)) continue;
      const aside = `${o.dbPath}.before-restore-${stamp}${suffix}`;
      renameSync(o.dbPath + suffix, aside);
      setAside.push(aside);
    }
  }
  const incoming = `${o.dbPath}.restoring`;
  copyFileSync(o.from, incoming);
  await fsyncPath(incoming);
  for (const suffix of ['-wal', '-shm']) rmSync(o.dbPath + suffix, { force: true });
  renameSync(incoming, o.dbPath);
  await fsyncPath(dirname(o.dbPath));
  return { setAside, ...checked };
}
