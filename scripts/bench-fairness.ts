/**
 * Fairness benchmark: one group floods the bot (BENCH_FLOOD `/帮助`, default 4,000, from 50
 * people, all acknowledged first), then a direct chat sends one `/帮助` and someone clicks 提交
 * on a report card. Prints how long the direct chat waited for its answer (goal: within 1 s)
 * and the card click's answer time (goal: within 300 ms), and how much of the group's backlog
 * was still waiting then. Against the bot as `npm start` runs it (compiled, its flags), with
 * the fake Open API; traffic only to 127.0.0.1, bounded in count and time.
 *
 *   npm run bench:fairness
 */
import { Agent } from 'node:http';
import { startBotAndFloor } from './bench-child.js';
import { timedPost } from './timed-post.js';
import { cardActionEvent, messageEvent, signedRequest } from '../test/support/lark-payloads.js';

const FLOOD = Number(process.env.BENCH_FLOOD ?? 4_000);
const CONCURRENCY = 32;
const TIME_LIMIT_MS = 120_000;
const GROUP = 'oc_bench_flooding_group_0000000001';
const DIRECT = 'oc_bench_direct_chat_000000000001';
const CLICKS = 5;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** 提交 on a report card of the direct chat (one card = one case). */
const submitClick = (i: number) =>
  signedRequest(
    cardActionEvent({
      value: { action: 'case.submit' },
      formValue: { enterprise: `公平测试${i}科技有限公司`, category: 'premises', content: '申请协调办公用房', received_date: '2026-12-01 +0800' },
      messageId: `om_bench_report_card_${i}`,
      chatId: DIRECT,
    }),
  );

async function main(): Promise<void> {
  const s = await startBotAndFloor('fairness');
  try {
    const port = s.bot.port;
    // A bot in service has stored cases before: the first submission after a start is not the one measured.
    const warm = submitClick(0);
    await timedPost(agent, port, warm.body, warm.headers);
    const flood = Array.from({ length: FLOOD }, (_, i) =>
      signedRequest(messageEvent({ text: '/帮助', chatType: 'group', chatId: GROUP, from: `ou_bench_member_${i % 50}`, messageId: `om_flood_${i}` })),
    );
    const t0 = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < flood.length) {
          const r = flood[next++]!;
          await timedPost(agent, port, r.body, r.headers);
        }
      }),
    );
    const ackedIn = Date.now() - t0;
    const answered = () => s.fake.messages.filter((m) => m.replyTo?.startsWith('om_flood_')).length;
    const groupAnsweredBefore = answered();

    const direct = signedRequest(messageEvent({ text: '/帮助', chatType: 'p2p', chatId: DIRECT, messageId: 'om_bench_direct' }));
    const sentAt = Date.now();
    await timedPost(agent, port, direct.body, direct.headers);
    while (!s.fake.messages.some((m) => m.replyTo === 'om_bench_direct')) {
      if (Date.now() - sentAt > TIME_LIMIT_MS) throw new Error('the direct chat was not answered in time');
      await new Promise((r) => setTimeout(r, 2));
    }
    const directMs = Date.now() - sentAt;
    const groupAnsweredThen = answered();

    // Clicks one after another while the group's backlog is still being worked through.
    const clicks: number[] = [];
    for (let i = 1; i <= CLICKS; i++) {
      const click = submitClick(i);
      clicks.push(await timedPost(agent, port, click.body, click.headers));
    }
    const clickMs = Math.max(...clicks);

    console.log(`flood: ${FLOOD} /帮助 from one group acknowledged in ${(ackedIn / 1000).toFixed(1)} s; ${groupAnsweredBefore} of them answered by then`);
    console.log(`direct chat /帮助 answered after ${directMs} ms (goal ≤ 1000 ms: ${directMs <= 1000 ? 'PASS' : 'FAIL'}); the group had ${FLOOD - groupAnsweredThen} answers still to come`);
    console.log(`card clicks (提交 on ${CLICKS} report cards, one after another) answered in ${clicks.map((c) => c.toFixed(0)).join(', ')} ms; slowest ${clickMs.toFixed(1)} ms (goal ≤ 300 ms: ${clickMs <= 300 ? 'PASS' : 'FAIL'}); the group had ${FLOOD - answered()} answers still to come`);
    if (directMs > 1000 || clickMs > 300) process.exitCode = 1;
  } finally {
    await s.close();
    agent.destroy();
  }
}

await main();
