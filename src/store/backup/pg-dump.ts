import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { backupName, removeLeftovers, type BackupManifest } from './backup-files.js';
import { sha256OfFile } from './inspect-sqlite-file.js';
import { BackupError, writeFinished, type BackupResult } from './sqlite-backup.js';

const run = promisify(execFile);

/** The message when pg_dump is missing: what to install, and that nothing was backed up. */
export const NO_PG_DUMP = '未找到 pg_dump：本次未备份。请在本机安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client，版本不低于服务器），或按 docs/operating-data-safety.md 使用数据库服务器自己的备份（pg_basebackup 与 WAL 归档）。';

/** Whether pg_dump can be run here, and its version line. */
export async function pgDumpVersion(): Promise<string | undefined> {
  try {
    return (await run('pg_dump', ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL: pg_dump in its custom format (-Fc, what pg_restore reads), written under a
 * `.partial` name, read back by `pg_restore --list` as its check, then named like every backup.
 * Rows per table are not counted (`tables` is empty): the dump's own table of contents
 * (`pg_restore --list`) is its inventory.
 */
export async function backupPostgres(url: string, o: { dir: string; now: Date }): Promise<BackupResult> {
  if (!(await pgDumpVersion())) throw new BackupError(NO_PG_DUMP);
  mkdirSync(o.dir, { recursive: true });
  removeLeftovers(o.dir);
  const name = backupName(o.now, 'dump');
  const path = join(o.dir, name);
  const partial = `${path}.partial`;
  try {
    // The URL goes in the environment, not the argument list that `ps` shows.
    await run('pg_dump', ['-Fc', '--no-owner', '-f', partial], { env: { ...process.env, ...libpqEnv(url) }, maxBuffer: 1 << 20 });
    const list = (await run('pg_restore', ['--list', partial], { maxBuffer: 64 << 20 })).stdout;
    if (!/ TABLE DATA \S+ enterprise_cases /.test(list)) throw new BackupError('pg_dump 的输出中没有 enterprise_cases 表，备份不完整');
    const manifest: BackupManifest = { file: name, database: 'postgres', createdAt: o.now.toISOString(), sizeBytes: (await stat(partial)).size, sha256: await sha256OfFile(partial), check: 'ok', tables: {} };
    await writeFinished(path, partial, manifest);
    return { path, manifest, pruned: [] };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The URL as libpq's variables: the password stays out of the argument list that `ps` shows. */
function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = { PGHOST: u.hostname, PGPORT: u.port || '5432', PGDATABASE: decodeURIComponent(u.pathname.slice(1)) };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return env;
}
