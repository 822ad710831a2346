/**
 * A busy day ×10 against the bot as `npm start` runs it (compiled dist/src/main.js with the
 * start script's flags, on SQLite): within 10 s, 200 people 签到 on 4 study cards, 30 report
 * submissions and 300 chat commands, each sent at its planned moment (open loop, as people
 * click), signed and encrypted as Lark sends them, to 127.0.0.1 only; the Open API is the local
 * fake. Prints card answer p50/p99/max (签到 and 提交 are answered in the callback's HTTP
 * answer), ack p99 of the chat messages, messages delivered, whether every event got its answer
 * (a reply to every command, a card or toast for every click, every 签到 and case in the
 * database), RSS, and PASS/FAIL per goal. Bounded: the window, then at most BENCH_DRAIN_SECONDS
 * (120) for the replies.
 *
 *   npm run bench:office
 */
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { ENCRYPT_KEY, messageEvent, signedRequest, TOKEN } from '../test/support/lark-payloads.js';
import { procMemory, startMain, startServer, stopServer } from './bench-child.js';
import { cpuSeconds } from './cpu-time.js';
import { ADMIN, busyDay, GROUPS, groupChat, groupOf, personId, personName, STAFF, submission, type Planned, type StudyCard } from './office-load.js';

const WINDOW_MS = 10_000;
const CHECKINS = 200;
const SUBMISSIONS = 30;
const COMMANDS = 300;
const SEEDED_CASES = 5;
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 120);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Answer { ms: number; status: number; body: string }

/** One signed POST to the webhook; the time until its whole answer is in. */
function post(port: number, payload: unknown): Promise<Answer> {
  return postSigned(port, signedRequest(payload));
}

/** A POST signed and encrypted beforehand, so this process's own crypto does not delay the timings. */
function postSigned(port: number, { body, headers }: { body: string; headers: Record<string, string> }): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = request({ host: '127.0.0.1', port, path: '/webhook/event', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (e) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0, body: e.message }));
    req.end(body);
  });
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : NaN);
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
/** A card callback's answer as Lark reads it: a toast that is not an error, or a card. */
function cardAnswered(a: Answer): boolean {
  if (a.status !== 200) return false;
  try {
    const b = JSON.parse(a.body) as { toast?: { type?: string }; card?: unknown };
    return Boolean(b.card) || (b.toast !== undefined && b.toast.type !== 'error');
  } catch {
    return false;
  }
}

/** Opens the four study cards and stores a few cases for /诉求, before the window. */
async function prepare(port: number, fake: FakeOpenApi, receivedDate: string): Promise<{ cards: StudyCard[]; codes: string[] }> {
  const cards: StudyCard[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const base = fake.messages.length;
    await post(port, messageEvent({ text: `/学法 《优化营商环境条例》第${g + 1}组`, chatType: 'group', chatId: groupChat(g), from: ADMIN }));
    const isCard = (m: FakeOpenApi['messages'][number]) => m.receiveId === groupChat(g) && m.msgType === 'interactive' && /"session":\d+/.test(JSON.stringify(m.content));
    if (!(await until(() => fake.messages.slice(base).some(isCard), 30_000))) throw new Error(`no study card in group ${g}`);
    const card = fake.messages.slice(base).find(isCard)!;
    cards.push({ session: Number(/"session":(\d+)/.exec(JSON.stringify(card.content))![1]), messageId: card.messageId });
  }
  const codes: string[] = [];
  for (let i = 0; i < SEEDED_CASES; i++) {
    const a = await post(port, submission(i, receivedDate));
    const code = /QY\d{4}-\d{4}/.exec(a.body)?.[0];
    if (!code) throw new Error(`a case submitted before the window got no code: HTTP ${a.status}`);
    codes.push(code);
  }
  return { cards, codes };
}

async function main() {
  const fake = new FakeOpenApi();
  await fake.start();
  for (let i = 0; i < STAFF; i++) fake.users.set(personId(i), personName(i));
  fake.users.set(ADMIN, '办公室管理员');
  for (let g = 0; g < GROUPS; g++) {
    const members = Array.from({ length: STAFF }, (_, i) => i).filter((i) => groupOf(i) === g);
    fake.chatMembers.set(groupChat(g), members.map((i) => ({ member_id: personId(i), name: personName(i) })));
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-office-'));
  const dbPath = join(dir, 'office.db');
  const env = { DATABASE_URL: `file:${dbPath}`, LARK_APP_ID: 'cli_office', LARK_APP_SECRET: 'office-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url, BOT_ADMINS: ADMIN };
  // The stack floor (express, the Lark SDK, Prisma with one query) beside the bot, for its RSS.
  const floor = await startServer('floor', { DATABASE_URL: `file:${join(dir, 'floor.db')}`, LARK_DOMAIN: fake.url });
  await new Promise((r) => setTimeout(r, 2000));
  const floorRss = procMemory(floor.child.pid!).rss;
  await stopServer(floor);
  const bot = await startMain(env);
  try {
    const receivedDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const { cards, codes } = await prepare(bot.port, fake, receivedDate);
    await new Promise((r) => setTimeout(r, 3000)); // the set-up's replies go out; the bot is idle again
    const idle = procMemory(bot.child.pid!);
    const plan = busyDay({ cards, codes, receivedDate, windowMs: WINDOW_MS, checkins: CHECKINS, submissions: SUBMISSIONS, commands: COMMANDS });
    const sentBefore = fake.messages.length;
    const cpu0 = cpuSeconds(bot.child.pid!);
    // This process's own event-loop delay: were it late, its timings would be too (it also runs the fake Open API).
    const signed = plan.map((p) => signedRequest(p.payload));
    const benchLoop = monitorEventLoopDelay({ resolution: 10 });
    benchLoop.enable();
    const t0 = Date.now();
    const answers = await Promise.all(plan.map((p, i) => new Promise<{ p: Planned; a: Answer }>((resolve) => setTimeout(() => void postSigned(bot.port, signed[i]!).then((a) => resolve({ p, a })), p.at))));
    const sentIn = (Date.now() - t0) / 1000;
    benchLoop.disable();
    // Every command's answer is a reply to its message.
    const asked = new Set(plan.filter((p) => p.messageId).map((p) => p.messageId!));
    const replied = new Set<string>();
    let seen = sentBefore;
    const allReplied = await until(() => {
      for (; seen < fake.messages.length; seen++) {
        const to = fake.messages[seen]!.replyTo;
        if (to && asked.has(to)) replied.add(to);
      }
      return replied.size === asked.size;
    }, DRAIN_SECONDS * 1000);
    const doneIn = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds(bot.child.pid!) - cpu0;
    const after = procMemory(bot.child.pid!);

    const card = answers.filter((x) => x.p.kind !== 'command');
    const cardMs = card.map((x) => x.a.ms);
    const ackMs = answers.filter((x) => x.p.kind === 'command').map((x) => x.a.ms);
    const unanswered = card.filter((x) => !cardAnswered(x.a));
    const refused = answers.filter((x) => x.a.status !== 200);
    const db = new Database(dbPath, { readonly: true });
    const present = (db.prepare(`SELECT count(*) AS n FROM study_attendances WHERE status = 'present' AND session_id IN (${cards.map((c) => c.session).join(',')})`).get() as { n: number }).n;
    const cases = (db.prepare('SELECT count(*) AS n FROM enterprise_cases').get() as { n: number }).n;
    const pending = (db.prepare(`SELECT count(*) AS n FROM inbox WHERE status != 'done'`).get() as { n: number }).n;
    db.close();

    const line = (label: string, xs: number[]) => `${label}: p50 ${ms(pct(xs, 50))}, p99 ${ms(pct(xs, 99))}, max ${ms(Math.max(...xs))} (${xs.length}, ${xs.filter((x) => x > 150).length} over 150 ms)`;
    console.log(`bench:office: ${CHECKINS} 签到 on ${GROUPS} study cards, ${SUBMISSIONS} report submissions, ${COMMANDS} chat commands from ${STAFF} people within ${WINDOW_MS / 1000} s; load ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    console.log(`sent in ${sentIn.toFixed(1)} s; every command answered after ${doneIn.toFixed(1)} s${allReplied ? '' : ` (bound of ${DRAIN_SECONDS} s reached)`}; bot CPU ${cpu.toFixed(1)} s`);
    console.log(line('card answers (签到 and 提交)', cardMs));
    for (const label of ['签到', '提交']) console.log('  ' + line(label, card.filter((x) => x.p.label === label).map((x) => x.a.ms)));
    console.log(line('acks of chat messages', ackMs));
    console.log(`this process's event-loop delay in the window (it times the answers): p99 ${ms(benchLoop.percentile(99) / 1e6)}, max ${ms(benchLoop.max / 1e6)}`);
    console.log(`messages delivered by the bot in and after the window: ${fake.messages.length - sentBefore}; commands answered ${replied.size}/${asked.size}; card callbacks answered ${card.length - unanswered.length}/${card.length}; HTTP not 200: ${refused.length}`);
    console.log(`in the database: ${present}/${CHECKINS} 签到, ${cases}/${SEEDED_CASES + SUBMISSIONS} cases, ${pending} inbox rows not done`);
    console.log(`RSS: stack floor ${mb(floorRss)}; bot idle ${mb(idle.rss)} (${(idle.rss / floorRss).toFixed(2)}×), after the day ${mb(after.rss)}, peak ${mb(after.peakRss)}`);
    const goals: Array<[string, boolean]> = [
      [`card answers p99 ≤ 150 ms (${ms(pct(cardMs, 99))})`, pct(cardMs, 99) <= 150],
      [`card answers max ≤ 1 s (${ms(Math.max(...cardMs))})`, Math.max(...cardMs) <= 1000],
      [`ack p99 < 20 ms (${ms(pct(ackMs, 99))})`, pct(ackMs, 99) < 20],
      ['every event answered, nothing lost', allReplied && unanswered.length === 0 && refused.length === 0 && present === CHECKINS && cases === SEEDED_CASES + SUBMISSIONS && pending === 0],
    ];
    for (const [what, ok] of goals) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
    if (goals.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    await stopServer(bot);
    agent.destroy();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`bench:office failed: ${e.message}`);
  process.exitCode = 1;
});
