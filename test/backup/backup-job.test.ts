import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { createJobContext } from '../../src/bot/create-context.js';
import { backupJob } from '../../src/handlers/jobs/backup-job.js';
import { listBackups } from '../../src/store/backup/backup-files.js';
import { ADMIN, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

/** The firing of 02:30 in Shanghai on 6 December 2026. */
const firing = (periodKey: string) => ({ jobId: 'maintenance.backup', periodKey, scheduledAt: new Date('2026-12-05T18:30:00Z') });
const healthz = async (bot: TestBot) => (await fetch(`${bot.url}/healthz`)).json() as Promise<any>;
const metrics = async (bot: TestBot) => (await fetch(`${bot.url}/metrics`)).text();

it('a scheduled backup shows on /metrics and /healthz, which warns (still 200) while there is none', async () => {
  t = await startTestBot();
  const dir = join(dirname(t.config.databasePath), 'backups');
  expect(t.config.backupDir).toBe(dir);
  const before = await fetch(`${t.url}/healthz`);
  expect(before.status).toBe(200);
  expect(((await before.json()) as any).backup).toMatchObject({ lastGood: null, warning: expect.stringContaining('没有完好的备份') });
  expect(await metrics(t)).toMatch(/^fazhi_backup_last_success_age_seconds \+Inf$/m);

  const outcome = await backupJob(createJobContext(t.bot.services, firing('2026-12-06 02:30')));
  expect(outcome).toMatch(/^已备份 bot-\d{8}T\d{6}Z\.db/);
  expect(listBackups(dir)).toHaveLength(1);
  const h = await healthz(t);
  expect(h.status).toBe('ok');
  expect(h.backup.warning).toBeUndefined();
  expect(h.backup.ageHours).toBeLessThan(1);
  const age = Number(/^fazhi_backup_last_success_age_seconds (\S+)$/m.exec(await metrics(t))![1]);
  expect(age).toBeGreaterThanOrEqual(0);
  expect(age).toBeLessThan(60);
});

it('a failed backup tells each admin once per firing, without a file path, and fails the run so it is tried again', async () => {
  // The backup folder cannot be made: a file stands where it should be.
  const blocker = join(process.env.TMPDIR ?? '/tmp', `fazhi-backup-blocker-${process.pid}-${Date.now()}`);
  writeFileSync(blocker, 'not a folder');
  onTestFinished(() => rmSync(blocker, { force: true }));
  t = await startTestBot({ env: { BOT_BACKUP_DIR: join(blocker, 'backups') } });
  const ctx = () => createJobContext(t!.bot.services, firing('2026-12-06 02:30'));
  await expect(backupJob(ctx())).rejects.toThrow();
  await expect(backupJob(ctx())).rejects.toThrow();
  const texts = await waitFor(() => (t!.fake.textsTo(ADMIN).length ? t!.fake.textsTo(ADMIN) : undefined), 5_000, 'the admin message');
  await new Promise((r) => setTimeout(r, 300));
  expect(t.fake.textsTo(ADMIN)).toHaveLength(1);
  expect(texts[0]).toMatch(/^数据库定时备份失败（2026-12-06 02:30）：备份过程中出错。备份目录中尚无完好的备份。/);
  expect(texts[0]).not.toContain(blocker);
  expect(texts[0]).not.toMatch(/undefined|NaN|Error/);
});

it('two bots on one database make one backup per firing: the scheduler claim decides', async () => {
  let now = new Date('2026-12-05T18:29:00Z');
  const clock = { now: () => now };
  const env = { BOT_BACKUP_CRON: '30 2 * * *' };
  t = await startTestBot({ env, noWorkers: true, botOptions: { scheduler: { clock } } });
  const other = await startTestBot({ env, noWorkers: true, databaseUrl: t.databaseUrl, botOptions: { scheduler: { clock } } });
  try {
    await t.bot.scheduler.tick();
    await other.bot.scheduler.tick();
    now = new Date('2026-12-05T18:30:05Z');
    const runs = (await Promise.all([t.bot.scheduler.tick(), other.bot.scheduler.tick()])).flat().filter((r) => r.jobId === 'maintenance.backup');
    expect(runs).toEqual([expect.objectContaining({ status: 'done', periodKey: '2026-12-06 02:30' })]);
    expect(listBackups(t.config.backupDir)).toHaveLength(1);
  } finally {
    await other.close();
  }
});
