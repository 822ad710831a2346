/**
 * Backup under load: the bot (a child process, as `npm start` runs it) on a database of
 * BENCH_CASES cases (default 20,000) takes its scheduled backup while events arrive at
 * BENCH_RATE a second (default 50) for BENCH_SECONDS (default 12, at most 60). Prints the
 * answer times (all, and those that arrived while the backup ran), the backup's duration, and
 * whether every event was answered and replied to. Loopback only; bounded in count and time.
 * Exit code 1 when an event was lost, or acknowledged or replied to later than 1 s.
 *
 *   npm run bench:backup
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBackups } from '../src/store/backup/backup-files.js';
import { migrate } from '../src/store/migrate.js';
import { dayIn } from '../src/domain/dates/days.js';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { ENCRYPT_KEY, messageEvent, signedRequest, TOKEN } from '../test/support/lark-payloads.js';
import { startServer, stopServer } from './bench-child.js';
import { seedScale } from './scale-seed.js';

const CASES = Math.min(Number(process.env.BENCH_CASES ?? 20_000), 200_000);
const RATE = Math.min(Number(process.env.BENCH_RATE ?? 50), 500);
const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 12), 60);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-backup-'));
const path = join(dir, 'bot.db');
const backups = join(dir, 'backups');
migrate(path);
seedScale(path, CASES, dayIn(new Date(), 'Asia/Shanghai'));
const fake = new FakeOpenApi();
await fake.start();
// Every 5 s: the scheduler's claim is per minute, so the first firing after the start is the one backup of the run.
const bot = await startServer('bot', {
  DATABASE_URL: `file:${path}`, LARK_APP_ID: 'cli_bench', LARK_APP_SECRET: 'bench-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url,
  // BENCH_NO_BACKUP=1: the same run without a backup, to compare.
  BOT_BACKUP_CRON: process.env.BENCH_NO_BACKUP ? '0 0 1 1 *' : '*/5 * * * * *', BOT_BACKUP_DIR: backups,
});
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const post = (req: { headers: Record<string, string>; body: string }) =>
  new Promise<number>((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port: bot.port, path: '/webhook/event', method: 'POST', headers: req.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(req.body);
  });

const total = RATE * SECONDS;
const requests = Array.from({ length: total }, (_, i) =>
  signedRequest(messageEvent({ text: `/记录 督查 备份压测第${i}项`, chatType: 'group', chatId: `oc_bench${String(i % 10).padStart(24, '0')}` }), { key: ENCRYPT_KEY }),
);
// The backup's window, as its files show it: the .partial copy appears, then the finished one.
let copyFrom: number | undefined;
let copyTo: number | undefined;
const start = performance.now();
const watch = setInterval(() => {
  const names = (() => { try { return readdirSync(backups); } catch { return []; } })();
  if (copyFrom === undefined && names.some((n) => n.endsWith('.partial'))) copyFrom = performance.now() - start;
  if (copyFrom !== undefined && copyTo === undefined && names.some((n) => /^bot-.*\.db$/.test(n))) copyTo = performance.now() - start;
}, 5);
const answers = await Promise.all(
  requests.map(async (req, i) => {
    await sleep(Math.max(0, start + (i * 1000) / RATE - performance.now()));
    const t0 = performance.now();
    const sentAt = Date.now();
    const status = await post(req);
    return { at: t0 - start, ms: performance.now() - t0, status, sentAt };
  }),
);
clearInterval(watch);
const replied = async () => new Set(fake.messages.map((m) => /备份压测第(\d+)项/.exec(JSON.stringify(m.content))?.[1]).filter(Boolean)).size;
for (let waited = 0; (await replied()) < total && waited < 60_000; waited += 200) await sleep(200);

const slowest = (xs: typeof answers) => Math.round(Math.max(0, ...xs.map((a) => a.ms)));
// The reply's time: from sending the event to the bot's message reaching the fake Open API.
const repliedAt = new Map<number, number>();
for (const r of fake.requests) {
  const i = /备份压测第(\d+)项/.exec(r.body === undefined ? '' : JSON.stringify(r.body))?.[1];
  if (i !== undefined && r.path.startsWith('/open-apis/im/v1/messages') && !repliedAt.has(Number(i))) repliedAt.set(Number(i), r.at);
}
const replyMs = answers.map((a, i) => (repliedAt.has(i) ? repliedAt.get(i)! - a.sentAt : Infinity));
const replySorted = [...replyMs].sort((a, b) => a - b);
const replyDuring = answers.flatMap((a, i) => (copyFrom !== undefined && a.at + replyMs[i]! >= copyFrom && a.at <= (copyTo ?? Infinity) ? [replyMs[i]!] : []));
const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
const during = copyFrom === undefined ? [] : answers.filter((a) => a.at + a.ms >= copyFrom! && a.at <= (copyTo ?? Infinity));
const made = listBackups(backups);
const lost = total - (await replied());
console.log(`cases ${CASES}, ${total} events at ${RATE}/s, load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`backup: ${made.length} made, ${copyFrom === undefined ? 'not seen' : copyTo === undefined ? `copy began at ${Math.round(copyFrom)} ms and finished after the load ended` : `${Math.round(copyTo - copyFrom)} ms from copy to finished file`}, ${made[0] ? `${(made[0].manifest.sizeBytes / 1e6).toFixed(1)} MB` : ''}`);
console.log(`answers: ${answers.filter((a) => a.status === 200).length}/${total} with 200; median ${Math.round(sorted[Math.floor(total / 2)]!)} ms, p99 ${Math.round(sorted[Math.floor(total * 0.99)]!)} ms, slowest ${slowest(answers)} ms`);
console.log(`while the backup ran: ${during.length} events, slowest ${slowest(during)} ms`);
console.log(`replies: ${total - lost}/${total} (lost ${lost}); from sending to the reply: median ${Math.round(replySorted[Math.floor(total / 2)]!)} ms, p99 ${Math.round(replySorted[Math.floor(total * 0.99)]!)} ms, slowest ${Math.round(replySorted[total - 1]!)} ms; ${replyDuring.length} while the backup ran, slowest ${Math.round(Math.max(0, ...replyDuring))} ms`);
await stopServer(bot);
await fake.stop();
agent.destroy();
rmSync(dir, { recursive: true, force: true });
process.exitCode = lost > 0 || slowest(answers) > 1_000 || replySorted[total - 1]! > 1_000 || answers.some((a) => a.status !== 200) || (made.length === 0 && !process.env.BENCH_NO_BACKUP) ? 1 : 0;
