/**
 * Webhook benchmark: signed, encrypted `/帮助` events at the real server (a child process),
 * against a bare express app doing only JSON parsing, measured in the same run.
 * Prints ack p50/p99 at a fixed rate, throughput of both and their ratio, and RSS after
 * many events. Traffic goes only to 127.0.0.1; every loop is bounded in count and time.
 *
 *   npm run bench:webhook            (defaults; builds dist/ first, the server runs compiled)
 *   BENCH_EVENTS=50000 BENCH_RATE=200 BENCH_RATE_SECONDS=10 npm run bench:webhook
 */
import { timedPost } from './timed-post.js';
import { Agent } from 'node:http';
import { memoryOf, startBotAndFloor, startServer, stopServer, type BenchServer } from './bench-child.js';
import { messageEvent, signedRequest } from '../test/support/lark-payloads.js';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_THROUGHPUT_EVENTS ?? 5000);
const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_S ?? 600) * 1000;
const started = Date.now();
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One POST; a keep-alive socket the server closed at that instant is retried once. */
async function post(port: number, body: string, headers: Record<string, string>): Promise<number> {
  try {
    return await postOnce(port, body, headers);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
    return postOnce(port, body, headers);
  }
}

function postOnce(port: number, body: string, headers: Record<string, string>): Promise<number> {
  return timedPost(agent, port, body, headers);
}

const getRss = (server: BenchServer) => memoryOf(agent, server);

const payloads = (n: number) => Array.from({ length: n }, () => signedRequest(messageEvent({ text: '/帮助' })));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Fixed arrival rate (open loop): latency of each ack. */
async function atRate(port: number, rate: number, seconds: number): Promise<number[]> {
  const reqs = payloads(rate * seconds);
  const lat: number[] = [];
  const t0 = Date.now();
  await Promise.all(
    reqs.map(async (r, i) => {
      const due = t0 + (i * 1000) / rate;
      await new Promise((res) => setTimeout(res, Math.max(0, due - Date.now())));
      lat.push(await post(port, r.body, r.headers));
    }),
  );
  return lat;
}

/** Closed loop at fixed concurrency: events per second. */
async function throughput(port: number, n: number): Promise<number> {
  const reqs = payloads(n);
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < reqs.length && Date.now() - started < TIME_LIMIT_MS) {
        const r = reqs[next++]!;
        await post(port, r.body, r.headers);
      }
    }),
  );
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

async function main() {
  // The floor: the bot's stack (express, the Lark SDK, Prisma with one query) without the bot.
  const { fake, bot, floor, close } = await startBotAndFloor('webhook');
  const bare = await startServer('bare', {});
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idleBot = await getRss(bot);
    const idleFloor = await getRss(floor);
    await stopServer(floor);
    await throughput(bot.port, 300); // warm-up
    await throughput(bare.port, 300);
    const lat = await atRate(bot.port, RATE, RATE_SECONDS);
    const bareLat = await atRate(bare.port, RATE, Math.min(RATE_SECONDS, 5));
    const botTput = await throughput(bot.port, THROUGHPUT_EVENTS);
    const bareTput = await throughput(bare.port, THROUGHPUT_EVENTS);
    let sent = 300 + RATE * RATE_SECONDS + THROUGHPUT_EVENTS;
    while (sent < TOTAL_EVENTS && Date.now() - started < TIME_LIMIT_MS) {
      const n = Math.min(5000, TOTAL_EVENTS - sent);
      await throughput(bot.port, n);
      sent += n;
    }
    const mem = await getRss(bot);
    // The handling after the ack (router, /帮助, outbox, Open API) drains the backlog at its own pace.
    const drainStart = Date.now();
    const before = fake.messages.length;
    while (fake.messages.length < sent && Date.now() - drainStart < 120_000 && Date.now() - started < TIME_LIMIT_MS) await new Promise((r) => setTimeout(r, 200));
    const drainRate = (fake.messages.length - before) / ((Date.now() - drainStart) / 1000);
    const drained = await getRss(bot);
    const f = (x: number) => x.toFixed(2);
    console.log(`ack latency at ${RATE} events/s for ${RATE_SECONDS} s (bot): p50 ${f(pct(lat, 50))} ms, p99 ${f(pct(lat, 99))} ms  (target p99 < 20 ms)`);
    console.log(`ack latency at ${RATE} events/s (bare express): p50 ${f(pct(bareLat, 50))} ms, p99 ${f(pct(bareLat, 99))} ms`);
    console.log(`throughput (concurrency ${CONCURRENCY}): bot ${botTput.toFixed(0)} events/s, bare express ${bareTput.toFixed(0)} events/s, ratio ${(botTput / bareTput).toFixed(2)}  (target >= 0.9: ${botTput >= 0.9 * bareTput ? "met" : "MISSED"})`);
    console.log(`memory after ${sent} events: RSS ${(mem.rss / 2 ** 20).toFixed(0)} MB, peak ${(mem.peakRss / 2 ** 20).toFixed(0)} MB  (target < 200 MB)`);
    console.log(`handling after the ack: ${drainRate.toFixed(0)} events/s while draining; replies received ${fake.messages.length} of ${sent}; RSS after draining ${(drained.rss / 2 ** 20).toFixed(0)} MB`);
    const mb = (x: number) => (x / 2 ** 20).toFixed(0);
    const idleRatio = idleBot.rss / idleFloor.rss;
    const steadyRatio = drained.rss / idleFloor.rss;
    console.log(`idle RSS: bot ${mb(idleBot.rss)} MB, stack floor ${mb(idleFloor.rss)} MB, ratio ${idleRatio.toFixed(2)}x (target <= 1.3x: ${idleRatio <= 1.3 ? 'met' : 'MISSED'})`);
    console.log(`steady RSS after ${sent} events: ${mb(drained.rss)} MB, ratio to the floor ${steadyRatio.toFixed(2)}x (target <= 1.35x: ${steadyRatio <= 1.35 ? 'met' : 'MISSED'})`);
  } finally {
    await stopServer(bare);
    agent.destroy();
    await close();
  }
}

void main();
