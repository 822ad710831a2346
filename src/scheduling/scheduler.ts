import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { Clock } from '../clock.js';
import type { Services } from '../bot/context.js';
import type { JobDefinition } from '../bot/registry.js';
import { minuteIn } from '../domain/dates/days.js';
import { claimJobRun, finishJobRun, schedulerSince } from '../store/job-runs.js';
import { sleeper } from '../util/in-order.js';
import { createJobContext } from '../bot/create-context.js';

export interface SchedulerOptions {
  services: Services;
  jobs: JobDefinition[];
  /** A firing missed while no scheduler ran is caught up once when it is younger than this. */
  catchUpMs?: number;
  /** How long a claim protects a running firing before another instance may take it over. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Longest sleep between checks, so a clock that jumps is noticed. */
  maxSleepMs?: number;
  /** Names this instance in job_runs.owner. */
  owner?: string;
  /** The scheduler's own clock (default: the bot's), so tests move its time alone. */
  clock?: Clock;
}

/** What one tick ran. */
export interface FiredRun {
  jobId: string;
  periodKey: string;
  status: 'done' | 'failed';
  outcome: string | null;
}

export const DEFAULT_CATCH_UP_MS = 24 * 3600_000;

/**
 * Runs jobs declared as data at their cron times in BOT_TIMEZONE. Time comes from the
 * injected clock: a tick runs, per job, the latest firing due within the catch-up window
 * that no instance has claimed yet. So a tick after downtime catches up once, a tick of a
 * second replica finds the claim and does nothing, and tests run a week by moving the clock.
 */
export class Scheduler {
  private readonly entries: Array<{ job: JobDefinition; cron: Cron }>;
  private readonly owner: string;
  private readonly services: Services;
  private readonly idle = sleeper();
  /** Per job: nothing is due before this instant (its latest firing is settled), so ticks skip it without a query. */
  private readonly settledUntil = new Map<string, number>();
  private since: Date | undefined;
  private lastTick: number | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {
    const timezone = options.services.config.BOT_TIMEZONE;
    this.entries = options.jobs.map((job) => ({ job, cron: new Cron(job.cron, { timezone, paused: true }) }));
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.services = options.clock ? { ...options.services, clock: options.clock } : options.services;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.tick().catch((e: unknown) => this.services.log.error({ err: (e as Error).message }, 'scheduler tick failed'));
        if (this.running) await this.idle.sleep(this.msToNextCheck());
      }
    })();
  }

  /** Lets a run in hand finish, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.idle.wake();
    await this.loop;
  }

  /** Runs what is due now. Ticks of one instance run one after another. */
  tick(): Promise<FiredRun[]> {
    const next = this.chain.then(() => this.runDue());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runDue(): Promise<FiredRun[]> {
    const { db, clock } = this.services;
    const now = clock.now();
    this.since ??= await schedulerSince(db, now);
    // Firings since this instance's last tick are always due; before that, those within the
    // catch-up window; never one from before the database had a scheduler.
    const catchUpStart = now.getTime() - (this.options.catchUpMs ?? DEFAULT_CATCH_UP_MS);
    const windowStart = Math.max(Math.min(this.lastTick ?? catchUpStart, catchUpStart), this.since.getTime());
    this.lastTick = now.getTime();
    const fired: FiredRun[] = [];
    for (const { job, cron } of this.entries) {
      if (now.getTime() < (this.settledUntil.get(job.id) ?? 0)) continue;
      const at = latestFiring(cron, new Date(windowStart - 1), now);
      const result = at ? await this.fire(job, at) : 'settled';
      if (typeof result !== 'string') fired.push(result);
      const settled = typeof result === 'string' ? result === 'settled' : result.status === 'done';
      if (settled) this.settledUntil.set(job.id, cron.nextRun(now)?.getTime() ?? Infinity);
    }
    return fired;
  }

  /** Claims and runs one firing; 'held' while another instance runs it, 'settled' when nothing is left to do. */
  private async fire(job: JobDefinition, scheduledAt: Date): Promise<FiredRun | 'settled' | 'held'> {
    const services = this.services;
    const periodKey = minuteIn(scheduledAt, services.config.BOT_TIMEZONE);
    const claim = { jobId: job.id, periodKey, owner: this.owner };
    const claimed = await claimJobRun(services.db, {
      ...claim,
      scheduledAt,
      now: services.clock.now(),
      leaseMs: this.options.leaseMs ?? 10 * 60_000,
      maxAttempts: this.options.maxAttempts ?? 3,
    });
    if (claimed !== 'claimed') return claimed;
    const log = services.log.child(claim);
    let run: FiredRun;
    try {
      const outcome = (await job.run(createJobContext(services, { jobId: job.id, periodKey, scheduledAt }))) ?? null;
      run = { jobId: job.id, periodKey, status: 'done', outcome };
      log.info({ outcome }, 'job done');
    } catch (e) {
      run = { jobId: job.id, periodKey, status: 'failed', outcome: (e as Error).message };
      log.error({ err: (e as Error).message }, 'job failed');
    }
    await finishJobRun(services.db, { ...claim, now: services.clock.now(), status: run.status, outcome: run.outcome });
    return run;
  }

  private msToNextCheck(): number {
    const now = this.services.clock.now();
    const max = this.options.maxSleepMs ?? 60_000;
    let ms = max;
    for (const { cron } of this.entries) {
      const next = cron.nextRun(now);
      if (next) ms = Math.min(ms, next.getTime() - now.getTime() + 50);
    }
    return Math.max(ms, 50);
  }
}

/** The last firing of `cron` after `from` and not after `to`. */
export function latestFiring(cron: Cron, from: Date, to: Date): Date | undefined {
  let latest: Date | undefined;
  for (let t = cron.nextRun(from); t && t.getTime() <= to.getTime(); t = cron.nextRun(t)) latest = t;
  return latest;
}
