import { afterEach, expect, it } from 'vitest';
import { listBackups } from '../../src/store/backup/backup-files.js';
import { backupSqlite } from '../../src/store/backup/sqlite-backup.js';
import { timeOwnWork } from '../support/answer-time.js';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { seededDatabase } from './seeded-database.js';

let t: TestBot | undefined;
let seeded: ReturnType<typeof seededDatabase> | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
  seeded?.drop();
});

const EVENTS = 300;
const EVERY_MS = 20; // 50 events a second
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a backup of 20,000 cases while 50 events a second arrive: every event answered, stored and replied to once, and the backup is whole', async () => {
  seeded = seededDatabase(20_000);
  t = await startTestBot({ databaseUrl: seeded.url });
  const bot = t;
  // Signed beforehand, so signing is not in the answer times.
  const requests = Array.from({ length: EVENTS }, (_, i) =>
    bot.sign(messageEvent({ text: `/记录 督查 负载测试第${i}项`, from: STAFF, chatType: 'group', chatId: `oc_load${String(i % 10).padStart(26, '0')}` })),
  );
  const start = performance.now();
  const answers = requests.map(async (req, i) => {
    await sleep(Math.max(0, start + i * EVERY_MS - performance.now()));
    return { at: performance.now() - start, ...(await timeOwnWork(() => bot.postSigned(req))) };
  });
  await sleep(2_000);
  const backup = await timeOwnWork(() => backupSqlite(seeded!.path, { dir: seeded!.backups, now: new Date(), keep: 14, timeZone: 'Asia/Shanghai' }));
  const results = await Promise.all(answers);

  expect(results.map((r) => r.value.status).filter((s) => s !== 200)).toEqual([]);
  const slowest = Math.max(...results.map((r) => r.ms));
  const during = results.filter((r) => r.at >= 2_000 - 50 && r.at <= 2_000 + backup.wallMs + 50);
  const worst = (rs: typeof results) => Math.round(Math.max(0, ...rs.map((r) => r.ms)));
  const beforeBackup = results.filter((r) => r.at < 1_900);
  console.log(
    `backup ${Math.round(backup.wallMs)} ms wall; slowest answer (own work): before it ${worst(beforeBackup)} ms, while it ran (${during.length} events) ${worst(during)} ms, overall ${Math.round(slowest)} ms; slowest wall ${Math.round(Math.max(...results.map((r) => r.wallMs)))} ms`,
  );
  expect(during.length).toBeGreaterThan(0);
  // The 1-second bound is checked by `npm run bench:backup`, where the bot runs in a process of
  // its own as in production: here the load, the fake Open API and the bot share one thread, and
  // on a shared 2-core machine the answers queue up without any backup as well.
  expect(listBackups(seeded.backups)).toHaveLength(1);
  expect(backup.value.manifest.tables.enterprise_cases).toBe(20_000);
  // Nothing lost: every event stored, handled and answered once.
  await waitFor(async () => (await bot.bot.db.workRecord.count()) === EVENTS, 60_000, 'every record stored');
  const replied = await waitFor(() => {
    const texts = new Set(bot.fake.messages.map((m) => /负载测试第(\d+)项/.exec(JSON.stringify(m.content))?.[1]).filter(Boolean));
    return texts.size === EVENTS ? texts : undefined;
  }, 60_000, 'a reply to every event');
  expect(replied.size).toBe(EVENTS);
  expect(await bot.bot.db.inboxEvent.count({ where: { status: 'done' } })).toBe(EVENTS);
}, 120_000);

it("the copy and its check run in a process of their own: the bot's timers keep their time while 20,000 cases are backed up", async () => {
  seeded = seededDatabase(20_000);
  t = await startTestBot({ databaseUrl: seeded.url });
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  try {
    const backup = await backupSqlite(seeded.path, { dir: seeded.backups, now: new Date(), keep: 14, timeZone: 'Asia/Shanghai' });
    expect(backup.manifest.tables.enterprise_cases).toBe(20_000);
  } finally {
    clearInterval(ticker);
  }
  // Made on the bot's connection, the copy of 16 MB held the event loop: 132 ms at the least on
  // a quiet 2-core machine. Made in the child: 19-25 ms (starting it, reading its answer,
  // hashing the file in chunks); the bound leaves room for a machine busy with other tests.
  console.log(`longest timer gap during the backup: ${Math.round(longestGap)} ms`);
  expect(longestGap).toBeLessThan(100);
}, 60_000);
