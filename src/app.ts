import type { Express } from 'express';
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import type { Logger } from './logger.js';
import { closeDatabase, databaseIsHealthy, openDatabase, type Db } from './store/database.js';
import { createHttpApp } from './transport/http-app.js';
import type { LarkApi } from './transport/lark-api.js';
import { Dispatcher } from './transport/lark-dispatcher.js';
import { OutboxWorker, type RetryPolicy } from './transport/outbox.js';
import { registry as defaultRegistry, type Registry } from './handlers/registry.js';
import { apologize, routeCardAction, routeMessage } from './handlers/router.js';
import type { Services } from './handlers/context.js';
import { Scheduler, type SchedulerOptions } from './scheduling/scheduler.js';
import { scheduledJobs, type JobHooks } from './scheduling/jobs.js';
import { BotMetrics } from './metrics/bot-metrics.js';
import { countedApi, timedRegistry } from './metrics/instrument.js';
import { queueStats } from './store/queue-stats.js';

export interface BotOptions {
  config: Config;
  log: Logger;
  /** The Open API: the SDK client for a tenant, an in-process stand-in in local mode. */
  api: LarkApi;
  clock?: Clock;
  registry?: Registry;
  outboxPolicy?: Partial<RetryPolicy>;
  pollMs?: number;
  cardAnswerBudgetMs?: number;
  /** Pause before a failed event is tried again (then four times longer, up to 3 attempts). */
  inboxRetryBaseMs?: number;
  /** Mounts extra routes (the local web chat). */
  extendHttp?: (app: Express, bot: Bot) => void;
  healthDetails?: () => Record<string, unknown>;
  /** Other features' functions the schedule runs (e.g. closing the day's study sessions). */
  jobHooks?: JobHooks;
  /** Overrides for the scheduler (tests: a different job list, a short lease). */
  scheduler?: Partial<Omit<SchedulerOptions, 'services'>>;
}

export interface Bot {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  services: Services;
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  metrics: BotMetrics;
  http: Express;
  /** Starts the inbox and outbox workers (handling what a previous run left pending). */
  start(): void;
  /** Drains the workers and closes the database. */
  stop(): Promise<void>;
}

/** Wires store, handlers, workers and the HTTP app. Does not listen. */
export async function createBot(o: BotOptions): Promise<Bot> {
  const clock = o.clock ?? systemClock;
  const { db, applied } = await openDatabase(o.config.databasePath);
  if (applied.length) o.log.info({ applied }, 'migrations applied');
  const metrics = new BotMetrics(() => queueStats(db, clock.now()));
  const reg = timedRegistry(o.registry ?? defaultRegistry, metrics);
  const api = countedApi(o.api, metrics);

  const outbox = new OutboxWorker({ db, api, log: o.log, clock, policy: o.outboxPolicy ?? {}, pollMs: o.pollMs ?? 1_000 });
  const services: Services = {
    db,
    config: o.config,
    clock,
    log: o.log,
    directory: {
      userName: (id) => api.getUserName(id),
      chatMembers: (id) => api.listChatMembers(id),
    },
    notifyOutbox: () => outbox.wake(),
  };
  const dispatcher = new Dispatcher({
    db,
    log: o.log,
    clock,
    pollMs: o.pollMs ?? 1_000,
    cardAnswerBudgetMs: o.cardAnswerBudgetMs ?? 2_500,
    retryBaseMs: o.inboxRetryBaseMs ?? 1_000,
    onEvent: (type, outcome) => (outcome === 'stored' ? metrics.eventsReceived.inc({ type }) : metrics.eventsRefused.inc({ reason: 'duplicate' })),
    handlers: {
      async handleEvent({ eventId, type, payload }) {
        const event = (payload.event ?? {}) as Record<string, unknown>;
        if (type === 'im.message.receive_v1') await routeMessage(services, reg, eventId, event);
        else o.log.debug({ eventId, type }, 'event type without a handler');
      },
      handleGiveUp: ({ eventId, type, payload }) =>
        type === 'im.message.receive_v1' ? apologize(services, eventId, (payload.event ?? {}) as Record<string, unknown>) : Promise.resolve(),
      handleCardAction: ({ eventId, payload }) => routeCardAction(services, reg, eventId, (payload.event ?? {}) as Record<string, unknown>),
    },
  });

  const scheduler = new Scheduler({
    services,
    jobs: scheduledJobs(o.config, o.jobHooks),
    catchUpMs: o.config.BOT_CATCHUP_HOURS * 3600_000,
    ...o.scheduler,
  });

  const bot: Bot = {
    db,
    config: o.config,
    clock,
    log: o.log,
    services,
    dispatcher,
    outbox,
    scheduler,
    metrics,
    http: undefined as unknown as Express,
    start() {
      dispatcher.start();
      outbox.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await dispatcher.stop();
      await outbox.stop();
      await closeDatabase(db);
    },
  };
  bot.http = createHttpApp({
    log: o.log,
    clock,
    dispatcher,
    // Webhook routes only when Lark posts to us: with the long connection the token may be
    // unset, and an open route would take unverified events.
    lark:
      o.config.mode === 'lark' && o.config.LARK_CONNECTION === 'webhook'
        ? { verificationToken: o.config.LARK_VERIFICATION_TOKEN, encryptKey: o.config.LARK_ENCRYPT_KEY }
        : undefined,
    healthy: () => databaseIsHealthy(db),
    onRefused: (reason) => metrics.eventsRefused.inc({ reason }),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    ...(o.healthDetails ? { healthDetails: o.healthDetails } : {}),
    extend: (app) => o.extendHttp?.(app, bot),
  });
  return bot;
}
