import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueStats } from '../store/sql/queue-sql.js';

/**
 * The bot's Prometheus metrics, one set per bot instance. Labels are bounded sets of our own
 * names (event types, handler ids, reasons, HTTP statuses): never a person, chat or case.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly eventsReceived = new Counter({ name: 'fazhi_events_received_total', help: 'Events stored in the inbox, by event type', labelNames: ['type'], registers: [this.registry] });
  readonly eventsRefused = new Counter({ name: 'fazhi_events_refused_total', help: 'Requests and events refused, by reason (signature, token, timestamp, duplicate)', labelNames: ['reason'], registers: [this.registry] });
  readonly handlerSeconds = new Histogram({
    name: 'fazhi_handler_duration_seconds',
    help: 'Time a command, card action or job handler took, by handler id',
    labelNames: ['handler'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
    registers: [this.registry],
  });
  readonly handlerFailures = new Counter({ name: 'fazhi_handler_failures_total', help: 'Handler runs that failed with an unexpected error, by handler id', labelNames: ['handler'], registers: [this.registry] });
  readonly openApiCalls = new Counter({ name: 'fazhi_open_api_calls_total', help: 'Lark Open API calls by method and outcome (ok, HTTP status, Lark code or network)', labelNames: ['method', 'status'], registers: [this.registry] });

  constructor(stats: () => Promise<QueueStats>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'fazhi_' });
    // One read of the store per scrape, shared by every gauge below (PostgreSQL answers async).
    let last: { at: number; stats: Promise<QueueStats> } | undefined;
    const current = () => {
      if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), stats: stats() };
      return last.stats;
    };
    // Read from the store at scrape time, so every replica reports the shared queues.
    const gauge = (name: string, help: string, read: (s: QueueStats) => number) =>
      new Gauge({ name, help, registers: [this.registry], async collect() { this.set(read(await current())); } });
    gauge('fazhi_inbox_lag_seconds', 'Age of the oldest event not yet handled (0 when none)', (s) => s.inboxOldestSeconds);
    gauge('fazhi_inbox_pending', 'Events stored and not yet handled', (s) => s.inboxPending);
    gauge('fazhi_inbox_failed', 'Events whose handling failed for good', (s) => s.inboxFailed);
    gauge('fazhi_outbox_depth', 'Messages stored and not yet sent', (s) => s.outboxPending);
    gauge('fazhi_outbox_oldest_unsent_seconds', 'Age of the oldest message not yet sent (0 when none)', (s) => s.outboxOldestSeconds);
    gauge('fazhi_outbox_failed', 'Messages the outbox gave up on', (s) => s.outboxFailed);
    new Gauge({
      name: 'fazhi_job_runs',
      help: 'Scheduled job runs recorded, by job and outcome (done, failed, running)',
      labelNames: ['job', 'outcome'],
      registers: [this.registry],
      async collect() {
        const { jobRuns } = await current();
        this.reset();
        for (const r of jobRuns) this.set({ job: r.jobId, outcome: r.status }, r.count);
      },
    });
  }

  /**
   * The age of the newest finished backup, read from BOT_BACKUP_DIR at scrape time; +Inf while
   * there is none, so one alert rule (age > 48 h) covers both.
   */
  watchBackups(last: () => Date | undefined): void {
    new Gauge({
      name: 'fazhi_backup_last_success_age_seconds',
      help: 'Seconds since the newest finished, checked backup in BOT_BACKUP_DIR was taken',
      registers: [this.registry],
      collect() {
        const at = last();
        this.set(at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : Infinity);
      },
    });
  }

  /** Times one handler run; an AppError is the user's mistake, not a failure. */
  async timeHandler<T>(handler: string, run: () => Promise<T>, isExpected: (e: unknown) => boolean): Promise<T> {
    const end = this.handlerSeconds.startTimer({ handler });
    try {
      return await run();
    } catch (e) {
      if (!isExpected(e)) this.handlerFailures.inc({ handler });
      throw e;
    } finally {
      end();
    }
  }
}
