import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { listBackups } from '../../src/store/backup/backup-files.js';
import { backupPostgres, pgDumpVersion } from '../../src/store/backup/pg-dump.js';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { seedCases } from '../report/support/seed.js';
import { createPgDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/pg-database.js';

const run = promisify(execFile);
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// PostgreSQL only, picked here: the dump is of a real server's database.
it.skipIf(!TEST_DATABASE_URL)('db:backup on PostgreSQL writes a pg_dump -Fc file that pg_restore puts back whole', async () => {
  if (!(await pgDumpVersion())) throw new Error('pg_dump is not installed beside the test server');
  const source = await createPgDatabase();
  const target: TestDatabase = await createPgDatabase();
  cleanup.push(() => source.drop(), () => target.drop());
  const { db } = await openDatabase(source.url);
  await seedCases(db, [{ enterprise: '甲公司', category: 'other', receivedDate: '2025-01-05', resolvedDate: '2025-01-06' }, { enterprise: '乙公司', category: 'staffing', receivedDate: '2025-02-05' }]);
  await closeDatabase(db);
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-pgdump-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));

  const r = await backupPostgres(source.url, { dir, now: new Date() });
  expect(listBackups(dir).map((b) => b.path)).toEqual([r.path]);
  expect(r.manifest).toMatchObject({ database: 'postgres', check: 'ok' });
  const u = new URL(target.url);
  await run('pg_restore', ['--no-owner', '-h', u.hostname, '-p', u.port, '-U', decodeURIComponent(u.username), '-d', u.pathname.slice(1), r.path]);
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  const codes = (await c.query('SELECT code FROM enterprise_cases ORDER BY code')).rows.map((x) => x.code);
  await c.end();
  expect(codes).toEqual(['QY2025-0001', 'QY2025-0002']);
}, 60_000);

it.skipIf(!TEST_DATABASE_URL)('db:backup on PostgreSQL without pg_dump says so clearly, exits 1 and writes nothing', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'fazhi-nopgdump-'));
  cleanup.push(() => rmSync(bin, { recursive: true, force: true }));
  // A PATH that holds node and nothing else.
  symlinkSync(process.execPath, join(bin, 'node'));
  const dir = join(bin, 'backups');
  mkdirSync(dir);
  const failed = await run(join(bin, 'node'), ['--import', 'tsx', 'scripts/db-backup.ts'], {
    env: { ...process.env, PATH: bin, DATABASE_URL: TEST_DATABASE_URL!, BOT_BACKUP_DIR: dir },
  }).catch((e: { code: number; stderr: string }) => e);
  expect('code' in failed && failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^未找到 pg_dump：本次未备份。请在本机安装 PostgreSQL 客户端/);
  expect(listBackups(dir)).toEqual([]);
}, 60_000);
