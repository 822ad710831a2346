/**
 * Long connection vs webhook, same bot, same run: time from sending an event (or a card
 * callback) until its answer is back, one at a time, N of each, alternating the transports
 * so both see the same machine load. Prints medians, p95 and the ws/webhook ratio.
 * Traffic goes only to 127.0.0.1; bounded by BENCH_N.
 *
 *   npx tsx scripts/bench-ws.ts            (BENCH_N=300)
 */
import pino from 'pino';
import { registry } from '../src/handlers/registry.js';
import { WsReceiver } from '../src/transport/ws-receiver.js';
import { eventTypesOf } from '../src/bot/registry.js';
import { FakeLarkWs } from '../test/support/fake-lark-ws.js';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { cardActionEvent, messageEvent } from '../test/support/lark-payloads.js';
import { startTestBot, waitFor } from '../test/support/test-bot.js';

const N = Number(process.env.BENCH_N ?? 300);

const fake = new FakeOpenApi();
await fake.start();
const lws = new FakeLarkWs(fake);
await lws.start();
const stamp = { id: 'bench.stamp', run: async () => ({ toast: { type: 'success' as const, content: '已签到' } }) };
const t = await startTestBot({ fake, env: { LARK_CONNECTION: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718' }, botOptions: { registry: { ...registry, actions: [stamp] } } });
const receiver = new WsReceiver({
  appId: t.config.LARK_APP_ID!,
  appSecret: t.config.LARK_APP_SECRET!,
  domain: t.config.LARK_DOMAIN,
  dispatcher: t.bot.dispatcher,
  eventTypes: eventTypesOf(t.bot.registry),
  log: pino({ level: 'silent' }),
});
await receiver.start();
await waitFor(() => receiver.health().state === 'connected', 10_000, 'connection');

const ms = async (f: () => Promise<unknown>) => {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const kinds = {
  event: () => messageEvent({ text: '/帮助' }),
  card: () => cardActionEvent({ value: { action: 'bench.stamp' } }),
};
for (const [kind, make] of Object.entries(kinds)) {
  const ws: number[] = [];
  const hook: number[] = [];
  for (let i = 0; i < N; i++) {
    ws.push(await ms(async () => {
      const a = await lws.push(make());
      if (a.code !== 200) throw new Error(`ws answer ${a.code}`);
    }));
    hook.push(await ms(async () => {
      const r = await t.post(make());
      if (r.status !== 200) throw new Error(`webhook answer ${r.status}`);
    }));
  }
  const line = (name: string, xs: number[]) => `${name.padEnd(8)} p50 ${pct(xs, 50).toFixed(2)} ms  p95 ${pct(xs, 95).toFixed(2)} ms`;
  console.log(`${kind} (${N} each)\n  ${line('ws', ws)}\n  ${line('webhook', hook)}\n  ws/webhook p50 ratio ${(pct(ws, 50) / pct(hook, 50)).toFixed(2)}`);
}

await receiver.stop();
await t.destroy();
await lws.stop();
await fake.stop();
