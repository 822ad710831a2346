import type { Express } from 'express';
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import type { Logger } from './logger.js';
import { closeDatabase, databaseIsHealthy, openDatabase, type Db } from './store/database.js';
import { createHttpApp } from './transport/http-app.js';
import type { LarkApi } from './transport/lark-api.js';
import { CARD_ACTION, Dispatcher } from './transport/lark-dispatcher.js';
import { OutboxWorker, type RetryPolicy } from './transport/outbox.js';
import { registry as defaultRegistry } from './handlers/registry.js';
import type { Services } from './bot/context.js';
import { findEventHandler, type Registry } from './bot/registry.js';
import { NameMemo } from './bot/name-memo.js';
import { Timers } from './bot/timers.js';
import { Scheduler, type SchedulerOptions } from './scheduling/scheduler.js';
import { BotMetrics } from './metrics/bot-metrics.js';
import { countedApi, timedRegistry } from './metrics/instrument.js';
import { cloudSenders } from './cloud/cloud-senders.js';
import { lastBackup } from './store/backup/backup-files.js';
import { backupHealth } from './store/backup/backup-health.js';

export interface BotOptions {
  config: Config;
  log: Logger;
  /** The Open API: the SDK client for a tenant, an in-process stand-in in local mode. */
  api: LarkApi;
  clock?: Clock;
  registry?: Registry;
  outboxPolicy?: Partial<RetryPolicy>;
  /** How long stop() waits for sends in flight before handing them back (outbox.ts DRAIN_MS). */
  outboxDrainMs?: number;
  pollMs?: number;
  cardAnswerBudgetMs?: number;
  /** Pause before a failed event is tried again (then four times longer, up to 3 attempts). */
  inboxRetryBaseMs?: number;
  /** Mounts extra routes (the local web chat). */
  extendHttp?: (app: Express, bot: Bot) => void;
  healthDetails?: () => Record<string, unknown>;
  /** How long a claimed inbox row is held before another worker (another replica) may take it. */
  inboxLeaseMs?: number;
  /** Overrides for the scheduler (tests: a different job list, a short lease). */
  scheduler?: Partial<Omit<SchedulerOptions, 'services'>>;
}

export interface Bot {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  /** What this bot reacts to: the receivers subscribe to its event types. */
  registry: Registry;
  services: Services;
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  metrics: BotMetrics;
  http: Express;
  /** Starts the inbox and outbox workers (handling what a previous run left pending). */
  start(): void;
  /** Drains the workers, drops delayed work (card refreshes) and closes the database. */
  stop(): Promise<void>;
}

/** Wires store, handlers, workers and the HTTP app. Does not listen. */
export async function createBot(options: BotOptions): Promise<Bot> {
  const clock = options.clock ?? systemClock;
  const { db, applied } = await openDatabase(options.config.DATABASE_URL);
  let databaseOk = true;
  if (applied.length) options.log.info({ applied }, 'migrations applied');
  const metrics = new BotMetrics(() => db.queues.stats(clock.now()));
  metrics.watchBackups(() => lastBackup(options.config.backupDir)?.createdAt);
  const registry = timedRegistry(options.registry ?? defaultRegistry, metrics);
  const api = countedApi(options.api, metrics);

  const cloud = options.api.cloud;
  const senders = cloud ? cloudSenders({ db, cloud, config: options.config, log: options.log, clock }) : undefined;
  const outbox = new OutboxWorker({
    db, api, log: options.log, clock, policy: options.outboxPolicy ?? {}, pollMs: options.pollMs ?? 1_000,
    ...(options.outboxDrainMs ? { drainMs: options.outboxDrainMs } : {}),
    ...(senders ? { senders } : {}),
  });
  const services: Services = {
    db,
    config: options.config,
    clock,
    log: options.log,
    directory: {
      userName: (id) => api.getUserName(id),
      chatMembers: (id) => api.listChatMembers(id),
      memo: new NameMemo(),
    },
    registry,
    timers: new Timers(),
    notifyOutbox: () => outbox.wake(),
  };
  const payloadEvent = (payload: Record<string, unknown>) => (payload.event ?? {}) as Record<string, unknown>;
  const dispatcher = new Dispatcher({
    db,
    log: options.log,
    clock,
    pollMs: options.pollMs ?? 1_000,
    cardAnswerBudgetMs: options.cardAnswerBudgetMs ?? 2_500,
    retryBaseMs: options.inboxRetryBaseMs ?? 1_000,
    ...(options.inboxLeaseMs ? { leaseMs: options.inboxLeaseMs } : {}),
    onEvent: (type, outcome) => {
      if (outcome === 'stored') metrics.eventsReceived.inc({ type });
      else metrics.eventsRefused.inc({ reason: 'duplicate' });
    },
    handlers: {
      async handleEvent({ eventId, type, payload }) {
        const handler = findEventHandler(registry, type);
        if (handler) await handler.handle({ services, eventId, event: payloadEvent(payload) });
        else options.log.debug({ eventId, type }, 'event type without a handler');
      },
      handleGiveUp: async ({ eventId, type, payload }) => {
        await findEventHandler(registry, type)?.giveUp?.({ services, eventId, event: payloadEvent(payload) });
      },
      async handleCardAction({ eventId, payload }) {
        const handler = findEventHandler(registry, CARD_ACTION);
        return (await handler?.handle({ services, eventId, event: payloadEvent(payload) })) ?? {};
      },
    },
  });

  const scheduler = new Scheduler({
    services,
    jobs: registry.jobs(options.config),
    catchUpMs: options.config.BOT_CATCHUP_HOURS * 3600_000,
    ...options.scheduler,
  });

  const bot: Bot = {
    db,
    config: options.config,
    clock,
    log: options.log,
    registry,
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
      services.timers.clear();
      services.directory.memo?.clear();
      await closeDatabase(db);
    },
  };
  bot.http = createHttpApp({
    log: options.log,
    clock,
    dispatcher,
    // Webhook routes only when Lark posts to us: with the long connection the token may be
    // unset, and an open route would take unverified events.
    lark:
      options.config.mode === 'lark' && options.config.LARK_CONNECTION === 'webhook'
        ? { verificationToken: options.config.LARK_VERIFICATION_TOKEN, encryptKey: options.config.LARK_ENCRYPT_KEY }
        : undefined,
    healthy: async () => (databaseOk = await databaseIsHealthy(db)),
    // Which database answers (several replicas share one PostgreSQL database).
    healthDetails: () => ({ database: { kind: db.sql.kind, ok: databaseOk }, backup: backupHealth(options.config.backupDir, clock.now(), options.config.databaseKind), ...(options.healthDetails?.() ?? {}) }),
    onRefused: (reason) => metrics.eventsRefused.inc({ reason }),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    extend: (app) => options.extendHttp?.(app, bot),
  });
  return bot;
}
