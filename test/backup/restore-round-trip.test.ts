import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { backupSqlite } from '../../src/store/backup/sqlite-backup.js';
import { listBackups } from '../../src/store/backup/backup-files.js';
import { newMessageId, reportForm, submitReport } from '../cases/case-support.js';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { seededDatabase } from './seeded-database.js';

const run = promisify(execFile);
let t: TestBot | undefined;
let seeded: ReturnType<typeof seededDatabase> | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
  seeded?.drop();
});

/** `npm run db:restore` as an operator runs it: its exit code and what it printed. */
async function restore(url: string, file: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run('npx', ['tsx', 'scripts/db-restore.ts', file], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

const codeOf = (res: { body: any }) => /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];

it('back up 20,000 cases, change, restore: the change is gone, the bot starts and answers, case codes go on without a gap', async () => {
  seeded = seededDatabase(20_000);
  const fake = new FakeOpenApi();
  await fake.start();
  onTestFinished(() => fake.stop());
  t = await startTestBot({ databaseUrl: seeded.url, fake });
  const before = codeOf(await submitReport(t));
  const backup = await backupSqlite(seeded.path, { dir: seeded.backups, now: new Date(), keep: 14, timeZone: 'Asia/Shanghai' });
  expect(backup.manifest.tables.enterprise_cases).toBe(20_001);
  expect(listBackups(seeded.backups).map((b) => b.path)).toEqual([backup.path]);

  const lost = codeOf(await submitReport(t, { messageId: newMessageId(), form: reportForm({ enterprise: '备份之后登记的企业' }) }));
  expect(await t.bot.db.enterpriseCase.count()).toBe(20_002);

  // While the bot has the database open the restore refuses and changes nothing.
  const refused = await restore(seeded.url, backup.path);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('正被使用');
  expect(await t.bot.db.enterpriseCase.count()).toBe(20_002);

  await t.close();
  const done = await restore(seeded.url, backup.path);
  expect(done.code, done.out).toBe(0);
  expect(done.out).toContain('已恢复');
  expect(done.out).not.toMatch(/undefined|NaN/);
  const aside = /原数据库已保留为：(\S+)/.exec(done.out)![1]!;
  expect(existsSync(aside)).toBe(true);

  await t.destroy();
  t = await startTestBot({ databaseUrl: seeded.url, fake });
  expect(await t.bot.db.enterpriseCase.count()).toBe(20_001);
  expect(await t.bot.db.enterpriseCase.findUnique({ where: { code: lost } })).toBeNull();
  expect(await t.bot.db.enterpriseCase.findUnique({ where: { code: before } })).not.toBeNull();
  const sent = fake.messages.length;
  await t.post(messageEvent({ text: '/帮助', from: STAFF }));
  await waitFor(() => fake.messages.length > sent, 10_000, 'the answer to /帮助');
  // The code the lost case had is given again: no gap after the last case the backup holds.
  expect(codeOf(await submitReport(t, { messageId: newMessageId(), form: reportForm({ enterprise: '恢复之后登记的企业' }) }))).toBe(lost);
}, 120_000);

it('refuses a backup whose bytes no longer match its manifest, and leaves the database as it was', async () => {
  seeded = seededDatabase(200);
  t = await startTestBot({ databaseUrl: seeded.url });
  const backup = await backupSqlite(seeded.path, { dir: seeded.backups, now: new Date(), keep: 14, timeZone: 'Asia/Shanghai' });
  await t.close();
  const { appendFileSync } = await import('node:fs');
  appendFileSync(backup.path, 'x');
  const r = await restore(seeded.url, backup.path);
  expect(r.code).toBe(1);
  expect(r.out).toContain('SHA-256 不符');
  expect(existsSync(`${seeded.path}.restoring`)).toBe(false);
}, 60_000);
