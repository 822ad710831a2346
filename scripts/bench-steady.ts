/**
 * Steady memory after many mixed events: the compiled bot (a child process) takes 50,000
 * signed, encrypted events like a busy district's — messages from many people in many chats
 * (/帮助, /我的, /诉求 <编号>, plain text) and card callbacks (report submissions, help-card
 * buttons) — then settles, and its RSS is printed against the stack floor (express, the Lark SDK
 * and Prisma with one query: `bench-server.ts floor`) measured in the same run. Traffic goes
 * only to 127.0.0.1; the count and the time are bounded.
 *
 *   npm run bench:steady -- [events=50000] [concurrency=16] [maxSeconds=900]
 *
 * BENCH_SETTLE_SECONDS bounds the wait for the last replies (300); BENCH_NODE_FLAGS gives Node
 * flags to both children ('--cpu-prof --cpu-prof-dir=prof' profiles them); BENCH_HOLD_SECONDS
 * keeps the settled bot alive that long before ending it.
 */
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { cardActionEvent, messageEvent, signedRequest } from '../test/support/lark-payloads.js';
import { timedPost } from './timed-post.js';
import { breakdown, memoryOf, startBotAndFloor, stopServer, type BenchServer, type Memory } from './bench-child.js';
import { cpuSeconds } from './cpu-time.js';

const EVENTS = Number(process.argv[2] ?? 50_000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const MAX_SECONDS = Number(process.argv[4] ?? 900);
const PEOPLE = 3_000;
const CHATS = 400;
/** How long the backlog may take to drain after the last event, on top of MAX_SECONDS. */
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 300);
const started = Date.now();
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const person = (i: number) => `ou_steady${String(i % PEOPLE).padStart(23, '0')}`;
const chat = (i: number) => `oc_steady${String(i % CHATS).padStart(23, '0')}`;

/** RSS in MB, keeping the whole reading for the breakdown. */
async function rss(server: BenchServer): Promise<{ mb: number; memory: Memory }> {
  const memory = await memoryOf(agent, server);
  return { mb: memory.rss / 2 ** 20, memory };
}

/** Event i of the mix: most are messages (a fifth in groups), one in five a card callback. */
function event(i: number): unknown {
  const from = person(i * 7);
  const group = i % 5 === 1;
  // Each person's one-to-one chat with the bot has its own id, as on Lark (the fixture's one id
  // would put every direct message of 3,000 people into one conversation, handled in order).
  const at = group ? { chatType: 'group' as const, chatId: chat(i) } : { chatId: `oc_p2p${from.slice('ou_'.length)}` };
  switch (i % 10) {
    case 0:
    case 5:
      return cardActionEvent({
        value: { action: 'case.submit' }, from, messageId: `om_steady_${i}`, chatId: chat(i),
        formValue: { enterprise: `稳态企业${i % 700}有限公司`, category: 'tax_policy', content: `第${i}件诉求`, received_date: `${2019 + (i % 7)}-03-1${i % 10} +0800`, department: '测评科' },
      });
    case 3:
      return cardActionEvent({ value: { action: 'help.run', command: 'case.mine' }, from, messageId: `om_steady_${i}`, chatId: chat(i) });
    case 4:
      return messageEvent({ text: '/我的', from, ...at });
    case 7:
      return messageEvent({ text: `/诉求 QY${2019 + (i % 7)}-${String(1 + (i % 300)).padStart(4, '0')}`, from, ...at });
    case 9:
      return messageEvent({ text: '你好，请问怎么反映企业诉求', from, ...at });
    default:
      return messageEvent({ text: '/帮助', from, ...at });
  }
}

async function main() {
  const { fake, bot, floor, close } = await startBotAndFloor('steady');
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await rss(bot);
    const floorMem = await rss(floor);
    await stopServer(floor);
    let next = 0;
    let refused = 0;
    const deadline = started + MAX_SECONDS * 1000;
    const cpu0 = cpuSeconds(bot.child.pid!);
    const load0 = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < EVENTS && Date.now() < deadline) {
          const r = signedRequest(event(next++));
          const ok = await timedPost(agent, bot.port, r.body, r.headers).then(() => true, () => false);
          if (!ok) refused++;
        }
      }),
    );
    const sent = next;
    const loadSeconds = (Date.now() - load0) / 1000;
    const afterLoad = await rss(bot);
    // Settled: the handling after the ack drains (replies stop arriving; bounded on its own), then timers and GC run.
    const settleBy = Date.now() + SETTLE_SECONDS * 1000;
    let seen = -1;
    let lastReply = Date.now();
    while (seen !== fake.messages.length && Date.now() < settleBy) {
      if (seen !== -1) lastReply = Date.now();
      seen = fake.messages.length;
      await new Promise((r) => setTimeout(r, 3000));
    }
    const cpu = cpuSeconds(bot.child.pid!) - cpu0;
    const busySeconds = (lastReply - load0) / 1000;
    await new Promise((r) => setTimeout(r, 5000));
    const steady = await rss(bot);
    const ratio = steady.mb / floorMem.mb;
    const mb = (x: number) => x.toFixed(0);
    console.log(`bench-steady: ${sent} mixed events (${PEOPLE} people, ${CHATS} chats, 1 in 5 a card callback), concurrency ${CONCURRENCY}, ${((Date.now() - started) / 1000).toFixed(0)} s, load ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    console.log(`messages sent by the bot: ${fake.messages.length}${seen === fake.messages.length ? '' : ' (still sending when the settling time ran out)'}; requests not answered 200: ${refused}`);
    console.log(`acks: ${(sent / loadSeconds).toFixed(0)} events/s over ${loadSeconds.toFixed(0)} s; bot CPU ${cpu.toFixed(1)} s = ${((cpu * 1000) / sent).toFixed(1)} ms per event; events and replies done within ${busySeconds.toFixed(0)} s = ${(sent / busySeconds).toFixed(0)} events/s handled`);
    console.log(`stack floor ${mb(floorMem.mb)} MB; bot idle ${mb(idle.mb)} MB (${(idle.mb / floorMem.mb).toFixed(2)}x), right after the events ${mb(afterLoad.mb)} MB, settled ${mb(steady.mb)} MB`);
    console.log(`  floor: ${breakdown(floorMem.memory)}; bot idle: ${breakdown(idle.memory)}; bot settled: ${breakdown(steady.memory)}`);
    console.log(`steady RSS after ${sent} events: ${ratio.toFixed(2)}x the stack floor (target <= 1.35x: ${ratio <= 1.35 ? 'met' : 'MISSED'})`);
  } finally {
    // Keeps the settled bot alive to look at from outside (e.g. /proc/<pid>/smaps: which mappings hold the native memory).
    const hold = Number(process.env.BENCH_HOLD_SECONDS ?? 0);
    if (hold > 0) {
      console.log(`bot pid ${bot.child.pid}, kept for ${hold} s`);
      await new Promise((r) => setTimeout(r, hold * 1000));
    }
    agent.destroy();
    await close();
  }
}

void main();
