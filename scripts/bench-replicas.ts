/**
 * Replica benchmark: the real bot as separate processes behind a loopback round-robin, in one
 * run: one replica on SQLite, one replica on PostgreSQL, two replicas on one PostgreSQL.
 * Prints handled events/s (/帮助 acknowledged and answered through the fake Open API) and
 * card-callback latency (签到 clicks answered inline), and the ratios against the goals
 * (two replicas ≥ 1.6 × one on PostgreSQL; one on PostgreSQL ≥ 0.7 × one on SQLite), and the
 * CPU seconds each process used while handling the events (scripts/cpu-time.ts): on a small
 * machine the replicas, PostgreSQL and this load generator share the same cores.
 * The traffic comes from many chats at once (scripts/bench-load.ts says what and why).
 *
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:replicas
 *
 * The URL names a server and a role that may CREATE DATABASE (one fresh database per setup,
 * dropped afterwards). Traffic goes only to 127.0.0.1.
 */
import { timedPost } from './timed-post.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startReplica, type Replica } from '../test/replicas/replica-process.js';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { ENCRYPT_KEY, messageEvent, signedRequest, TOKEN } from '../test/support/lark-payloads.js';
import { startRoundRobin } from './round-robin-proxy.js';
import { checkinEvent, describeLoad, GROUPS, groupChat, groupMembers, helpEvent, PEOPLE, personId, personName } from './bench-load.js';
import { cpuSeconds, treeCpuSeconds } from './cpu-time.js';
import { benchPgDatabase } from './bench-pg-database.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ADMIN = 'ou_benchadmin000000000000000000001';
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

if (!ADMIN_URL) {
  console.error('bench:replicas needs a PostgreSQL server: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres (a role that may CREATE DATABASE)');
  process.exit(2);
}

function post(port: number, payload: unknown): Promise<number> {
  const { body, headers } = signedRequest(payload);
  return timedPost(agent, port, body, headers);
}

async function pool<T>(items: T[], fn: (x: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** The PostgreSQL server's main process (its backends are its children), when this user may read its data folder. */
async function postmasterPid(url: string): Promise<number | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
    return Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  } finally {
    await c.end();
  }
}

interface Cpu { replicas: number[]; postgres: number | undefined; bench: number; seconds: number }
interface Result { name: string; eventsPerSecond: number; p50: number; p99: number; cpu: Cpu; clickCpu: Cpu }

/** Starts counting CPU seconds of the replicas, the PostgreSQL server and this process; call the result to stop. */
function cpuMeter(replicas: Replica[], postmaster: number | undefined): (seconds: number) => Cpu {
  const r0 = replicas.map((r) => cpuSeconds(r.child.pid!));
  const pg0 = postmaster && treeCpuSeconds(postmaster);
  const b0 = process.cpuUsage();
  return (seconds) => {
    const b = process.cpuUsage(b0);
    return {
      replicas: replicas.map((r, i) => cpuSeconds(r.child.pid!) - r0[i]!),
      postgres: postmaster && pg0 !== undefined ? treeCpuSeconds(postmaster) - pg0 : undefined,
      bench: (b.user + b.system) / 1e6,
      seconds,
    };
  };
}

/** Sends `count` /帮助 and waits until each is answered (a reply to that very message). */
async function helpRound(port: number, fake: FakeOpenApi, count: number, offset: number): Promise<void> {
  const asked = new Set<string>();
  const events = Array.from({ length: count }, (_, i) => helpEvent(offset + i) as { event: { message: { message_id: string } } });
  for (const e of events) asked.add(e.event.message.message_id);
  let seen = fake.messages.length;
  let answered = 0;
  await pool(events, (e) => post(port, e));
  await until(() => {
    for (; seen < fake.messages.length; seen++) if (asked.has(fake.messages[seen]!.replyTo ?? '')) answered++;
    return answered >= count;
  }, 300_000, 'replies');
}

async function run(name: string, url: string, replicas: number, fake: FakeOpenApi): Promise<Result> {
  const env = { DATABASE_URL: url, LARK_APP_ID: 'cli_bench', LARK_APP_SECRET: 'bench-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url, BOT_ADMINS: ADMIN, LOG_LEVEL: 'silent', REPLICA_LEASE_MS: '60000', REPLICA_POLL_MS: '1000' };
  const started: Replica[] = [];
  for (let i = 0; i < replicas; i++) started.push(await startReplica(`${name}-${i}`, env));
  const lb = await startRoundRobin(started.map((r) => r.port));
  const postmaster = url.startsWith('postgres') ? await postmasterPid(url) : undefined;
  try {
    // Warm-up (connections, JIT, every person's first message), then the measured round.
    await helpRound(lb.port, fake, 200, 0);
    const meter = cpuMeter(started, postmaster);
    const t0 = performance.now();
    await helpRound(lb.port, fake, EVENTS, 200);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = meter(seconds);

    // Card callbacks: 签到 by distinct people on one study card per group, each answered inline.
    const cards: Array<{ session: number; messageId: string }> = [];
    for (let g = 0; g < GROUPS; g++) {
      const base = fake.messages.length;
      await post(lb.port, messageEvent({ text: '/学法 基准测试', chatType: 'group', chatId: groupChat(g), from: ADMIN }));
      const isCard = (m: FakeOpenApi['messages'][number]) => m.receiveId === groupChat(g) && m.msgType === 'interactive' && /"session":\d+/.test(JSON.stringify(m.content));
      await until(() => fake.messages.slice(base).some(isCard), 30_000, 'the study card');
      const card = fake.messages.slice(base).find(isCard)!;
      cards.push({ session: Number(/"session":(\d+)/.exec(JSON.stringify(card.content))![1]), messageId: card.messageId });
    }
    const lat: number[] = [];
    const clickMeter = cpuMeter(started, postmaster);
    const c0 = performance.now();
    await pool(Array.from({ length: CLICKS }, (_, i) => i), async (i) => lat.push(await post(lb.port, checkinEvent(i, cards))));
    const clickCpu = clickMeter((performance.now() - c0) / 1000);
    return { name, eventsPerSecond: EVENTS / seconds, p50: pct(lat, 50), p99: pct(lat, 99), cpu, clickCpu };
  } finally {
    await lb.close();
    await Promise.all(started.map((r) => r.stop()));
  }
}

async function withPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await benchPgDatabase(ADMIN_URL!, 'replicas');
  try {
    return await fn(database.url);
  } finally {
    await database.drop();
  }
}

/** Where the cores went: CPU seconds per process over the phase, and milliseconds per event or click. */
function cpuLine(what: string, cpu: Cpu, count: number): string {
  const { replicas, postgres, bench, seconds } = cpu;
  const each = (x: number) => `${x.toFixed(1)} s = ${((1000 * x) / count).toFixed(1)} ms each`;
  const parts = [...replicas.map((x, i) => `replica ${i + 1} ${each(x)}`), `PostgreSQL ${postgres === undefined ? 'n/a' : each(postgres)}`, `bench+fake ${each(bench)}`];
  const total = replicas.reduce((a, x) => a + x, 0) + (postgres ?? 0) + bench;
  return `  CPU over ${seconds.toFixed(1)} s of ${what}: ${parts.join(', ')}; ${(total / seconds).toFixed(2)} of ${cpus().length} cores busy`;
}

async function main() {
  const fake = new FakeOpenApi();
  await fake.start();
  // Like a tenant whose contact API answers: the cards name every clicker.
  for (let i = 0; i < PEOPLE + CLICKS; i++) fake.users.set(personId(i), personName(i));
  for (let g = 0; g < GROUPS; g++) fake.chatMembers.set(groupChat(g), groupMembers(g, CLICKS));
  fake.users.set(ADMIN, '基准管理员');
  const dir = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
  try {
    console.log(`load per setup: ${describeLoad(EVENTS, CLICKS, CONCURRENCY)}`);
    const sqlite = await run('sqlite×1', `file:${join(dir, 'bench.db')}`, 1, fake);
    const pg1 = await withPgDatabase((url) => run('postgres×1', url, 1, fake));
    const pg2 = await withPgDatabase((url) => run('postgres×2', url, 2, fake));
    for (const r of [sqlite, pg1, pg2]) {
      console.log(`${r.name.padEnd(11)} ${r.eventsPerSecond.toFixed(0).padStart(5)} events/s handled; callback p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      console.log(cpuLine(`${EVENTS} /帮助`, r.cpu, EVENTS));
      console.log(cpuLine(`${CLICKS} 签到`, r.clickCpu, CLICKS));
    }
    console.log(`two replicas / one on PostgreSQL: ${(pg2.eventsPerSecond / pg1.eventsPerSecond).toFixed(2)}× events/s (goal ≥ 1.6), callback p99 ${(pg2.p99 / pg1.p99).toFixed(2)}×`);
    console.log(`one replica PostgreSQL / SQLite: ${(pg1.eventsPerSecond / sqlite.eventsPerSecond).toFixed(2)}× events/s (goal ≥ 0.7), callback p99 ${(pg1.p99 / sqlite.p99).toFixed(2)}×`);
    console.log(`(CPUs on this machine: ${cpus().length}; the replicas, PostgreSQL and this process share them)`);
  } finally {
    agent.destroy();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
