import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Services } from '../../src/bot/context.js';
import { Timers } from '../../src/bot/timers.js';
import { registry } from '../../src/handlers/registry.js';
import type { JobDefinition } from '../../src/bot/registry.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { text } from '../../src/bot/message.js';
import type { TestDatabase } from '../support/pg-database.js';
import { createMigratedDatabase } from '../support/template-database.js';
import { TEST_DB_KIND } from '../support/test-bot.js';
import { FakeClock, HOUR, MINUTE, walk } from './helpers.js';

const databases: TestDatabase[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await closeDatabase(db);
  for (const d of databases.splice(0)) await d.drop();
});

/** A new database of the pass's kind (SQLite file or PostgreSQL database); its URL. */
async function tempDbPath(): Promise<string> {
  const d = await createMigratedDatabase(TEST_DB_KIND);
  databases.push(d);
  return d.url;
}

async function services(databaseUrl: string, clock: FakeClock): Promise<Services> {
  const { db } = await openDatabase(databaseUrl);
  dbs.push(db);
  return {
    db,
    config: loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }),
    clock,
    log: pino({ level: 'silent' }),
    directory: { userName: async () => undefined, chatMembers: async () => [] },
    registry,
    timers: new Timers(),
    notifyOutbox: () => undefined,
  };
}

/** A weekly and a daily job that record their firings and each store one message. */
function recordingJobs(calls: string[]): JobDefinition[] {
  const job = (id: string, cron: string): JobDefinition => ({
    id,
    cron,
    summary: id,
    async run(ctx) {
      calls.push(`${id}@${ctx.periodKey}`);
      await ctx.send({ chatId: 'oc_report' }, text(`${id} ${ctx.periodKey}`), { key: 'post' });
      return 'ok';
    },
  });
  return [job('weekly', '0 9 * * 1'), job('daily', '0 9 * * *')];
}

const sundayMidnight = '2026-11-29T00:00:00+08:00';

describe('scheduler', () => {
  it('a week of firings, ticked every 15 minutes, runs the weekly job once and the daily job once a day', async () => {
    const clock = new FakeClock(sundayMidnight);
    const s = await services(await tempDbPath(), clock);
    const calls: string[] = [];
    const scheduler = new Scheduler({ services: s, jobs: recordingJobs(calls) });
    await scheduler.tick();
    await walk(clock, '2026-12-06T00:00:00+08:00', 15 * MINUTE, () => scheduler.tick());

    expect(calls.filter((c) => c.startsWith('weekly@'))).toEqual(['weekly@2026-11-30 09:00']);
    expect(calls.filter((c) => c.startsWith('daily@'))).toEqual(
      ['11-29', '11-30', '12-01', '12-02', '12-03', '12-04', '12-05'].map((d) => `daily@2026-${d} 09:00`),
    );
    expect(await s.db.jobRun.count({ where: { status: 'done' } })).toBe(8);
    expect(await s.db.outboxMessage.count()).toBe(8);
  });

  it('catches up a period missed while the bot was down, once, and not again after another restart', async () => {
    const clock = new FakeClock(sundayMidnight);
    const path = await tempDbPath();
    const calls: string[] = [];
    // Running on Sunday, then down from Sunday evening until Monday 11:30.
    const before = new Scheduler({ services: await services(path, clock), jobs: recordingJobs(calls) });
    await walk(clock, '2026-11-29T20:00:00+08:00', 15 * MINUTE, () => before.tick());
    expect(calls).toEqual(['daily@2026-11-29 09:00']);

    clock.set('2026-11-30T11:30:00+08:00');
    const after = new Scheduler({ services: await services(path, clock), jobs: recordingJobs(calls) });
    const fired = await after.tick();
    expect(fired.map((r) => `${r.jobId}@${r.periodKey}`).sort()).toEqual(['daily@2026-11-30 09:00', 'weekly@2026-11-30 09:00']);

    clock.set('2026-11-30T12:00:00+08:00');
    const again = new Scheduler({ services: await services(path, clock), jobs: recordingJobs(calls) });
    expect(await again.tick()).toEqual([]);
    expect(calls.filter((c) => c.startsWith('weekly@'))).toHaveLength(1);
  });

  it('does not catch up a period older than the catch-up window', async () => {
    const clock = new FakeClock(sundayMidnight);
    const path = await tempDbPath();
    const calls: string[] = [];
    await new Scheduler({ services: await services(path, clock), jobs: recordingJobs(calls) }).tick();

    // Back 25 hours after Monday 09:00: Monday's weekly post is too old; Tuesday's daily run is not.
    clock.set('2026-12-01T10:00:00+08:00');
    const fired = await new Scheduler({ services: await services(path, clock), jobs: recordingJobs(calls), catchUpMs: 24 * HOUR }).tick();
    expect(fired.map((r) => `${r.jobId}@${r.periodKey}`)).toEqual(['daily@2026-12-01 09:00']);
  });

  it('does not run periods from before the database first had a scheduler', async () => {
    const clock = new FakeClock('2026-11-30T11:30:00+08:00');
    const calls: string[] = [];
    const scheduler = new Scheduler({ services: await services(await tempDbPath(), clock), jobs: recordingJobs(calls) });
    expect(await scheduler.tick()).toEqual([]);
    await walk(clock, '2026-12-01T09:30:00+08:00', 30 * MINUTE, () => scheduler.tick());
    expect(calls).toEqual(['daily@2026-12-01 09:00']);
  });

  it('takes over a run whose instance died once its lease has run out, and retries a failed run', async () => {
    const clock = new FakeClock('2026-11-30T08:00:00+08:00');
    const path = await tempDbPath();
    const runs: string[] = [];
    let failOnce = true;
    const job = (owner: string, hang: boolean): JobDefinition => ({
      id: 'daily',
      cron: '0 9 * * *',
      summary: 'daily',
      async run() {
        runs.push(owner);
        if (hang) return new Promise<never>(() => undefined);
        if (failOnce) {
          failOnce = false;
          throw new Error('database was busy');
        }
        return 'ok';
      },
    });
    const dying = new Scheduler({ services: await services(path, clock), jobs: [job('dying', true)], leaseMs: 10 * MINUTE });
    const healthy = new Scheduler({ services: await services(path, clock), jobs: [job('healthy', false)], leaseMs: 10 * MINUTE });
    await Promise.all([dying.tick(), healthy.tick()]);

    clock.set('2026-11-30T09:00:30+08:00');
    void dying.tick(); // claims the firing and never finishes
    const db = dbs[0]!;
    await expect.poll(() => db.jobRun.count({ where: { status: 'running' } })).toBe(1);
    expect(await healthy.tick()).toEqual([]);

    clock.set('2026-11-30T09:11:00+08:00');
    expect(await healthy.tick()).toEqual([{ jobId: 'daily', periodKey: '2026-11-30 09:00', status: 'failed', outcome: 'database was busy' }]);
    clock.advance(MINUTE);
    expect(await healthy.tick()).toEqual([{ jobId: 'daily', periodKey: '2026-11-30 09:00', status: 'done', outcome: 'ok' }]);
    expect(runs).toEqual(['dying', 'healthy', 'healthy']);
    const row = await db.jobRun.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 3, outcome: 'ok' });
    expect(row.owner).not.toBe('');
  });
});
