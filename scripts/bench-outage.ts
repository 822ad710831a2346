/**
 * Outage benchmark: N commands over several chats while the (local, fake) Open API first
 * answers 5xx, then accepts messages but drops the answer, then answers 429, with a restart
 * of the bot in the middle. Prints how many replies arrived, duplicates, replies that left a
 * chat out of order, and the time to drain after the Open API came back.
 * Loopback only; bounded in count (BENCH_COMMANDS) and time (BENCH_TIME_LIMIT_S).
 *
 *   npm run bench:outage
 *   BENCH_COMMANDS=80 BENCH_CHATS=8 npm run bench:outage
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { messageEvent } from '../test/support/lark-payloads.js';
import { STAFF, startTestBot, type TestBot } from '../test/support/test-bot.js';

const COMMANDS = Math.min(Number(process.env.BENCH_COMMANDS ?? 40), 1000);
const CHATS = Math.min(Number(process.env.BENCH_CHATS ?? 4), 50);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 3000);
const TIME_LIMIT_MS = Math.min(Number(process.env.BENCH_TIME_LIMIT_S ?? 180), 900) * 1000;
const MESSAGES = '/open-apis/im/v1/messages';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const chatOf = (i: number) => `oc_bench${String(i % CHATS).padStart(24, '0')}`;

const fake = new FakeOpenApi();
await fake.start();
const dir = mkdtempSync(join(tmpdir(), 'fazhi-outage-'));
const dbPath = join(dir, 'bot.db');
// Retries a little faster than in production (1 s doubling to 5 min) so the run stays short.
const start = () =>
  startTestBot({ fake, databaseUrl: `file:${dbPath}`, botOptions: { pollMs: 50, outboxPolicy: { baseDelayMs: 200, maxDelayMs: 2_000, giveUpAfterMs: 3600_000, leaseMs: 5_000 } } });

async function send(t: TestBot, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const res = await t.post(messageEvent({ text: `/记录 督查 B${i % CHATS}-${String(Math.floor(i / CHATS)).padStart(4, '0')}`, from: STAFF, chatType: 'group', chatId: chatOf(i) }));
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  }
}

/** Per chat, the replies in the order Lark received them; a reply after a later one is a violation. */
function tally() {
  const seen = new Map<string, number>();
  let duplicates = 0;
  let violations = 0;
  const lastByChat = new Map<string, number>();
  for (const m of fake.messages) {
    const hit = m.msgType === 'text' ? /B(\d+)-(\d{4})/.exec(String(m.content.text)) : null;
    if (!hit) continue;
    const key = hit[0];
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (seen.get(key)! > 1) {
      duplicates++;
      continue;
    }
    const seq = Number(hit[2]);
    if (seq < (lastByChat.get(hit[1]!) ?? -1)) violations++;
    lastByChat.set(hit[1]!, Math.max(seq, lastByChat.get(hit[1]!) ?? -1));
  }
  return { delivered: seen.size, duplicates, violations };
}

const t0 = Date.now();
let t = await start();
try {
  fake.fail(MESSAGES, { status: 503 }, 1e9);
  await send(t, 0, Math.floor(COMMANDS / 2));
  await sleep(PHASE_MS);
  fake.clearFaults();
  fake.fail(MESSAGES, { acceptThenReset: true }, Math.ceil(COMMANDS / 4));
  await sleep(PHASE_MS);
  await t.close(); // restart in the middle: what was accepted stays in the inbox and outbox
  t = await start();
  await send(t, Math.floor(COMMANDS / 2), COMMANDS);
  fake.clearFaults();
  fake.fail(MESSAGES, { status: 429 }, 1e9);
  await sleep(PHASE_MS);
  fake.clearFaults();
  const back = Date.now();
  while (tally().delivered < COMMANDS && Date.now() - t0 < TIME_LIMIT_MS) await sleep(50);
  const drainMs = Date.now() - back;
  const r = tally();
  console.log(`bench:outage  ${COMMANDS} commands over ${CHATS} chats; 5xx, accept-then-drop, restart, 429 (${PHASE_MS} ms each)`);
  console.log(`  delivered         ${r.delivered}/${COMMANDS}`);
  console.log(`  duplicates        ${r.duplicates}`);
  console.log(`  order violations  ${r.violations}`);
  console.log(`  time to drain     ${(drainMs / 1000).toFixed(1)} s after the Open API came back${r.delivered < COMMANDS ? ' (time limit reached)' : ''}`);
  console.log(`  Open API requests ${fake.sendRequests.length} message calls`);
  process.exitCode = r.delivered === COMMANDS && r.duplicates === 0 && r.violations === 0 ? 0 : 1;
} finally {
  await t.destroy();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
