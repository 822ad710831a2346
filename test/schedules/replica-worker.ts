/**
 * One bot replica's scheduler in its own thread (as a second process would be): it opens
 * the shared SQLite file, runs the real job list and walks its own clock through the week.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { scheduledJobs } from '../../src/handlers/jobs/scheduled-jobs.js';
import { registry } from '../../src/handlers/registry.js';
import { Timers } from '../../src/bot/timers.js';
import { weeklyChartPicture } from '../../src/local/weekly-chart-picture.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { openDatabase } from '../../src/store/database.js';
import { FakeClock, walk } from './helpers.js';

const w = workerData as { dbPath: string; env: Record<string, string>; from: string; until: string; stepMs: number; owner: string };
const config = loadConfig({ DATABASE_URL: `file:${w.dbPath}`, LOG_LEVEL: 'silent', ...w.env });
const { db } = await openDatabase(w.dbPath);
const clock = new FakeClock(w.from);
const scheduler = new Scheduler({
  services: {
    db,
    config,
    clock,
    log: pino({ level: 'silent' }),
    directory: { userName: async () => undefined, chatMembers: async () => [] },
    registry,
    timers: new Timers(),
    // As the bot wires it in local mode (the replicas run without LARK_APP_ID).
    ...(config.mode === 'local' ? { weeklyChartPicture } : {}),
    notifyOutbox: () => undefined,
  },
  jobs: scheduledJobs(config),
  owner: w.owner,
  // The two threads walk their clocks independently, hours apart at times; real replicas
  // share a clock within seconds, far inside the default 10-minute lease.
  leaseMs: 7 * 24 * 3600_000,
});
const fired: string[] = [];
const tick = async () => {
  for (const r of await scheduler.tick()) fired.push(`${r.jobId}@${r.periodKey}:${r.status}`);
};
await tick();
await walk(clock, w.until, w.stepMs, tick);
await db.$disconnect();
parentPort!.postMessage(fired);
