/**
 * Benchmarks of the scheduled work: an idle scheduler tick, a simulated week at one tick a
 * minute, composing the weekly card and planning reminders over a year of cases, and
 * rendering the chart PNG. Prints medians. Usage: npx tsx scripts/bench-schedules.ts [cases]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { CATEGORIES } from '../src/domain/cases/categories.js';
import { addDays } from '../src/domain/dates/days.js';
import { planReminders } from '../src/domain/reminders/plan-reminders.js';
import { composeWeeklyProgress } from '../src/handlers/progress/weekly-progress-post.js';
import { renderCasesChartPng } from '../src/presentation/charts/render-png.js';
import { Timers } from '../src/bot/timers.js';
import { scheduledJobs } from '../src/handlers/jobs/scheduled-jobs.js';
import { registry } from '../src/handlers/registry.js';
import { Scheduler } from '../src/scheduling/scheduler.js';
import { openDatabase } from '../src/store/database.js';
import { escalationNotes, listOpenCases, mutedAmong } from '../src/store/reminders.js';

const N = Number(process.argv[2] ?? 2000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
const dbPath = join(dir, 'bot.db');
const config = loadConfig({ DATABASE_URL: `file:${dbPath}`, LOG_LEVEL: 'silent', BOT_REPORT_CHAT_ID: 'oc_bench' });
const { db } = await openDatabase(dbPath);
const owners = Array.from({ length: 40 }, (_, i) => `ou_bench${String(i).padStart(4, '0')}`);
const enterprise = await db.enterprise.create({ data: { name: '基准测试企业', normalizedName: '基准测试企业' } });
const rows = Array.from({ length: N }, (_, i) => {
  const received = addDays('2026-01-05', Math.floor((i * 320) / N));
  const open = i % 5 === 0;
  return {
    code: `QY2026-${String(i + 1).padStart(5, '0')}`,
    year: 2026,
    seq: i + 1,
    enterpriseId: enterprise.id,
    category: CATEGORIES[i % CATEGORIES.length]!.value,
    content: '诉求',
    receivedDate: received,
    deadlineDays: 15,
    originalDeadline: addDays(received, 21),
    deadline: addDays(received, 21),
    status: open ? 'in_progress' : 'resolved',
    reporterId: owners[i % owners.length]!,
    resolvedDate: open ? null : addDays(received, 10),
    resolution: open ? null : '已解决',
  };
});
await db.enterpriseCase.createMany({ data: rows });

let clockNow = Date.parse('2026-11-29T00:00:00+08:00');
const services = {
  db,
  config,
  clock: { now: () => new Date(clockNow) },
  log: pino({ level: 'silent' }),
  directory: { userName: async () => undefined, chatMembers: async () => [] },
  registry,
  timers: new Timers(),
  notifyOutbox: () => undefined,
};
const at = new Date('2026-11-30T01:00:00Z');

const compose = await time(20, () => composeWeeklyProgress(services, { at, now: at }));
const plan = await time(20, async () => {
  const cases = await listOpenCases(db);
  return planReminders({ today: '2026-11-30', cases, muted: await mutedAmong(db, owners), escalationNotes: await escalationNotes(db, cases.map((c) => c.id)) });
});
const { progress } = await composeWeeklyProgress(services, { at, now: at });
const png = await time(10, () => renderCasesChartPng(progress.chart));

// The real job list with bodies that do nothing, to time the scheduler alone.
const scheduler = new Scheduler({ services, jobs: scheduledJobs(config).map((j) => ({ ...j, run: async () => 'bench' })) });
await scheduler.tick();
const idle = await time(1000, () => scheduler.tick());
const weekStart = performance.now();
for (let m = 0; m < 7 * 24 * 60; m++) {
  clockNow += 60_000;
  await scheduler.tick();
}
const week = performance.now() - weekStart;

console.log(
  JSON.stringify({
    cases: N,
    openCases: rows.filter((r) => r.status !== 'resolved').length,
    composeWeeklyCardMs: +compose.toFixed(2),
    planRemindersMs: +plan.toFixed(2),
    renderChartPngMs: +png.toFixed(1),
    idleTickMs: +idle.toFixed(4),
    weekOfMinuteTicksMs: Math.round(week),
    jobRunsInWeek: await db.jobRun.count(),
  }),
);
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
