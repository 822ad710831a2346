/**
 * 10,000 report submissions (card.action.trigger, case.submit) through the real HTTP path:
 * signed and encrypted requests → verify → inbox → handler → SQLite → card answer, with the
 * real SDK pointed at the fake Open API on 127.0.0.1; the client posts from a child process of
 * its own (scripts/post-at-concurrency.mjs). Prints submissions/s, p50/p99 callback
 * answer time, and the same figures for a bare ack (url_verification through the same
 * webhook, and a duplicate event answered from the inbox) measured in the same run. Then the
 * time per step of a submission (verify, inbox, handler, store within it, answer), so the
 * output shows where the time goes, with the event loop's delay in each phase (and, with
 * BENCH_CPU_PROFILE=<file>, a CPU profile of the submissions).
 *
 *   npx tsx scripts/bench-cases.ts [submissions=10000] [concurrency=8] [maxSeconds=240]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cardActionEvent, messageEvent, signedRequest, TOKEN, type SignedRequest } from '../test/support/lark-payloads.js';
import { startTestBot, STAFF } from '../test/support/test-bot.js';
import { recordStepsTo } from '../src/util/step-timings.js';
import { probe } from './bench-probe.js';

const N = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const MAX_SECONDS = Number(process.argv[4] ?? 240);
const ACK_N = 2_300;
/** Receipt years spread the codes so no year runs past QY<year>-9999. */
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const CATEGORIES = ['tax_policy', 'staffing', 'infrastructure', 'premises', 'schooling', 'other'];

interface Run {
  done: number;
  seconds: number;
  latencies: number[];
  failures: number;
  stoppedByTime: boolean;
}

/**
 * The client runs in a child process (scripts/post-at-concurrency.mjs), as in the other
 * benchmarks: in production nothing else shares the bot's thread, and here the client's HTTP
 * work would take about a fifth of it. The requests are signed here, before timing, and handed
 * over in a file.
 */
const scratch = mkdtempSync(join(tmpdir(), 'bench-cases-'));
const CLIENT = fileURLToPath(new URL('./post-at-concurrency.mjs', import.meta.url));

async function run(url: string, requests: SignedRequest[], check: 'ok' | 'challenge' | 'success', deadline: number): Promise<Run> {
  const file = join(scratch, 'requests.json');
  writeFileSync(file, JSON.stringify(requests));
  const child = spawn(process.execPath, [CLIENT, url, String(CONCURRENCY), file, check, String(deadline)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the client exited with ${code}`);
  const r = JSON.parse(out) as Omit<Run, 'done'>;
  return { ...r, done: r.latencies.length };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(name: string, r: Run) {
  const s = [...r.latencies].sort((a, b) => a - b);
  const out = { name, requests: r.done, perSecond: r.done / r.seconds, p50: pct(s, 50), p99: pct(s, 99), max: s.at(-1) ?? NaN, failures: r.failures };
  console.log(
    `${name.padEnd(34)} ${String(out.requests).padStart(6)} req  ${out.perSecond.toFixed(0).padStart(6)}/s  ` +
      `p50 ${out.p50.toFixed(2).padStart(7)} ms  p99 ${out.p99.toFixed(2).padStart(7)} ms  max ${out.max.toFixed(1).padStart(7)} ms  failures ${out.failures}` +
      (r.stoppedByTime ? '  (stopped by the time limit)' : ''),
  );
  return out;
}

async function main() {
  const t = await startTestBot();
  const url = `${t.url}/webhook/event`;
  const deadline = Date.now() + MAX_SECONDS * 1000;
  try {
    console.log(`bench-cases: ${N} submissions, concurrency ${CONCURRENCY}, limit ${MAX_SECONDS} s, node ${process.version}`);
    const submit = (i: number) =>
      signedRequest(
        cardActionEvent({
          value: { action: 'case.submit' },
          from: STAFF,
          messageId: `om_bench_${i}`,
          formValue: {
            enterprise: `测评企业${i % 500}有限公司`,
            category: CATEGORIES[i % CATEGORIES.length],
            content: `第${i}件测评诉求：企业反映的问题和诉求`,
            received_date: `${YEARS[i % YEARS.length]}-0${1 + (i % 9)}-1${i % 10} +0800`,
            department: '测评科',
          },
        }),
      );
    // Requests are built (encrypted, signed) before timing so the client's crypto is not measured.
    const warm = Array.from({ length: 200 }, (_, i) => submit(N + i));
    const subs = Array.from({ length: N }, (_, i) => submit(i));
    const challenges = Array.from({ length: ACK_N }, (_, i) => signedRequest({ type: 'url_verification', challenge: `c${i}`, token: TOKEN }));
    const dupEvent = messageEvent({ text: '/帮助', from: STAFF });
    await t.post(dupEvent);
    const dups = Array.from({ length: ACK_N }, () => signedRequest(dupEvent));

    // Warm-up (JIT, statement caches), not counted.
    await run(url, warm, 'ok', deadline);
    await run(url, challenges.slice(0, 300), 'ok', deadline);
    await run(url, dups.slice(0, 300), 'ok', deadline);

    // Bare acks before and after the submissions, pooled: the machine's load drifts during a run.
    const half = (list: SignedRequest[], second: boolean) => list.slice(300).filter((_, i) => i % 2 === (second ? 1 : 0));
    const ackProbe = await probe('acks before', '');
    const ack1 = await run(url, half(challenges, false), 'challenge', deadline);
    const dup1 = await run(url, half(dups, false), 'ok', deadline);
    const ackDelay1 = await ackProbe.stop(ack1.done + dup1.done);
    const steps = new Map<string, number[]>();
    recordStepsTo((step, ms) => (steps.get(step) ?? steps.set(step, []).get(step)!).push(ms));
    const submitProbe = await probe('submissions');
    const cases = summary('case.submit (stores a case)', await run(url, subs, 'success', deadline));
    const submitDelay = await submitProbe.stop(cases.requests);
    recordStepsTo(undefined);
    const ackProbe2 = await probe('acks after', '');
    const ack2 = await run(url, half(challenges, true), 'challenge', deadline);
    const dup2 = await run(url, half(dups, true), 'ok', deadline);
    const ackDelay2 = await ackProbe2.stop(ack2.done + dup2.done);
    const pool = (a: Run, b: Run): Run => ({ done: a.done + b.done, seconds: a.seconds + b.seconds, latencies: [...a.latencies, ...b.latencies], failures: a.failures + b.failures, stoppedByTime: a.stoppedByTime || b.stoppedByTime });
    const ack = summary('bare ack: url_verification', pool(ack1, ack2));
    const dup = summary('bare ack: duplicate event', pool(dup1, dup2));

    console.log(`ratio p50 case.submit / url_verification ack: ${(cases.p50 / ack.p50).toFixed(1)}x; / duplicate-event ack: ${(cases.p50 / dup.p50).toFixed(1)}x`);
    console.log(`ratio p99 case.submit / url_verification ack: ${(cases.p99 / ack.p99).toFixed(1)}x; / duplicate-event ack: ${(cases.p99 / dup.p99).toFixed(1)}x`);
    console.log(`ratio throughput url_verification ack / case.submit: ${(ack.perSecond / cases.perSecond).toFixed(1)}x; duplicate-event ack / case.submit: ${(dup.perSecond / cases.perSecond).toFixed(1)}x`);
    console.log(`p99 callback answer ${cases.p99.toFixed(2)} ms against the 50 ms target: ${cases.p99 < 50 ? 'met' : 'MISSED'}; p99 against 1.5x the bare ack: ${cases.p99 <= 1.5 * ack.p99 ? 'met' : 'MISSED'}`);
    // Where a submission's time goes (the handler's time includes the store's).
    for (const [step, ms] of steps) {
      const s = [...ms].sort((a, b) => a - b);
      const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
      console.log(`  step ${step.padEnd(8)} ${(ms.length / cases.requests).toFixed(1)} per submission  mean ${mean.toFixed(2).padStart(6)} ms  p50 ${pct(s, 50).toFixed(2).padStart(6)} ms  p99 ${pct(s, 99).toFixed(2).padStart(7)} ms  max ${s.at(-1)!.toFixed(1).padStart(6)} ms`);
    }
    // A stalled event loop holds up every request in flight, acks and submissions alike.
    console.log(submitDelay);
    console.log(ackDelay1);
    console.log(ackDelay2);

    // The stored data must be right too: one case per card, codes without gaps per year.
    const stored = await t.bot.db.enterpriseCase.count({ where: { sourceKey: { startsWith: 'om_bench_' } } });
    const perYear = await t.bot.db.enterpriseCase.groupBy({ by: ['year'], _count: { _all: true }, _max: { seq: true } });
    const gapless = perYear.every((y) => y._count._all === y._max.seq);
    console.log(`stored ${stored} cases (expected ${cases.requests - cases.failures + warm.length}); codes gapless per year: ${gapless}`);
    if (!gapless || cases.failures > 0) process.exitCode = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await t.destroy();
  }
}

await main();
