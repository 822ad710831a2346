/**
 * Replica benchmark: the real bot as separate processes behind a loopback round-robin, in one
 * run: one replica on SQLite, one replica on PostgreSQL, two replicas on one PostgreSQL.
 * Prints handled events/s (/帮助 acknowledged and answered through the fake Open API) and
 * card-callback latency (签到 clicks answered inline), and the ratios against the goals
 * (two replicas ≥ 1.6 × one on PostgreSQL; one on PostgreSQL ≥ 0.7 × one on SQLite).
 *
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:replicas
 *
 * The URL names a server and a role that may CREATE DATABASE (one fresh database per setup,
 * dropped afterwards). Traffic goes only to 127.0.0.1.
 */
import { timedPost } from './timed-post.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startReplica, type Replica } from '../test/replicas/replica-process.js';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { cardActionEvent, ENCRYPT_KEY, messageEvent, signedRequest, TOKEN } from '../test/support/lark-payloads.js';
import { startRoundRobin } from './round-robin-proxy.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ADMIN = 'ou_benchadmin000000000000000000001';
const CHAT = 'oc_benchstudy00000000000000000001';
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

interface Result { name: string; eventsPerSecond: number; p50: number; p99: number }

async function run(name: string, url: string, replicas: number, fake: FakeOpenApi): Promise<Result> {
  const env = { DATABASE_URL: url, LARK_APP_ID: 'cli_bench', LARK_APP_SECRET: 'bench-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url, BOT_ADMINS: ADMIN, LOG_LEVEL: 'silent', REPLICA_LEASE_MS: '60000' };
  const started: Replica[] = [];
  for (let i = 0; i < replicas; i++) started.push(await startReplica(`${name}-${i}`, env));
  const lb = await startRoundRobin(started.map((r) => r.port));
  try {
    const replies = () => fake.messages.length;
    // Warm-up (connections, JIT), then a closed loop of /帮助 until every one is answered.
    let base = replies();
    await pool(Array.from({ length: 200 }), () => post(lb.port, messageEvent({ text: '/帮助' })));
    await until(() => replies() >= base + 200, 60_000, 'warm-up replies');
    base = replies();
    const t0 = performance.now();
    await pool(Array.from({ length: EVENTS }), () => post(lb.port, messageEvent({ text: '/帮助' })));
    await until(() => replies() >= base + EVENTS, 300_000, 'replies');
    const eventsPerSecond = EVENTS / ((performance.now() - t0) / 1000);

    // Card callbacks: 签到 by distinct people on one session, each answered inline.
    base = replies();
    await post(lb.port, messageEvent({ text: '/学法 基准测试', chatType: 'group', chatId: CHAT, from: ADMIN }));
    await until(() => fake.messages.slice(base).some((m) => m.receiveId === CHAT && m.msgType === 'interactive'), 30_000, 'the study card');
    const card = fake.messages.slice(base).find((m) => m.receiveId === CHAT && m.msgType === 'interactive')!;
    const session = JSON.stringify(card.content).match(/"session":(\d+)/)![1];
    const lat: number[] = [];
    const people = Array.from({ length: CLICKS }, (_, i) => `ou_bench${String(i).padStart(24, '0')}`);
    await pool(people, async (p) => lat.push(await post(lb.port, cardActionEvent({ value: { action: 'study.checkin', session: Number(session) }, from: p, messageId: card.messageId, chatId: CHAT }))));
    return { name, eventsPerSecond, p50: pct(lat, 50), p99: pct(lat, 99) };
  } finally {
    await lb.close();
    await Promise.all(started.map((r) => r.stop()));
  }
}

async function withPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `fazhi_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(ADMIN_URL!);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function main() {
  const fake = new FakeOpenApi();
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
  try {
    const sqlite = await run('sqlite×1', `file:${join(dir, 'bench.db')}`, 1, fake);
    const pg1 = await withPgDatabase((url) => run('postgres×1', url, 1, fake));
    const pg2 = await withPgDatabase((url) => run('postgres×2', url, 2, fake));
    for (const r of [sqlite, pg1, pg2]) {
      console.log(`${r.name.padEnd(11)} ${r.eventsPerSecond.toFixed(0).padStart(5)} events/s handled; callback p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
    }
    console.log(`two replicas / one on PostgreSQL: ${(pg2.eventsPerSecond / pg1.eventsPerSecond).toFixed(2)}× events/s (goal ≥ 1.6), callback p99 ${(pg2.p99 / pg1.p99).toFixed(2)}×`);
    console.log(`one replica PostgreSQL / SQLite: ${(pg1.eventsPerSecond / sqlite.eventsPerSecond).toFixed(2)}× events/s (goal ≥ 0.7), callback p99 ${(pg1.p99 / sqlite.p99).toFixed(2)}×`);
    console.log(`(${EVENTS} events and ${CLICKS} clicks per setup at concurrency ${CONCURRENCY}; CPUs on this machine: ${(await import('node:os')).cpus().length})`);
  } finally {
    agent.destroy();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
