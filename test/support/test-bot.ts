import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBot, type Bot, type BotOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Clock } from '../../src/clock.js';
import { checkCallbackAnswer } from '../../src/presentation/cards/card-check.js';
import { createLarkClient } from '../../src/transport/lark-client.js';
import { FakeOpenApi } from './fake-open-api.js';
import { ENCRYPT_KEY, signedRequest, TOKEN, type SignedRequest } from './lark-payloads.js';
import type { DatabaseKind } from './pg-database.js';
import { createMigratedDatabase } from './template-database.js';

/** The database startTestBot opens: vitest.config.ts sets TEST_DB_KIND=postgres for the PostgreSQL pass. */
export const TEST_DB_KIND: DatabaseKind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'sqlite';

export interface TestBot {
  bot: Bot;
  fake: FakeOpenApi;
  config: Config;
  url: string;
  /** The bot's DATABASE_URL (file:… or postgresql://…), to start another bot on the same database. */
  databaseUrl: string;
  /** POSTs a payload signed and encrypted like Lark; returns status and JSON answer. */
  post(payload: unknown, o?: { path?: string; timestamp?: number }): Promise<{ status: number; body: any }>;
  /** Signs and encrypts a payload now, to post later (timing tests keep this work out of the time). */
  sign(payload: unknown, o?: { timestamp?: number }): SignedPayload;
  postSigned(req: SignedPayload, o?: { path?: string }): Promise<{ status: number; body: any }>;
  /** Closes HTTP and the bot (not the fake, not the files): a "crash" or restart. */
  close(): Promise<void>;
  /** Closes everything and removes the temporary files. */
  destroy(): Promise<void>;
}

export type SignedPayload = SignedRequest & { payload: unknown };

export const ADMIN = 'ou_admin000000000000000000000001';
export const LEADER = 'ou_leader00000000000000000000001';
export const STAFF = 'ou_84aad35d084aa403a838cf73ee18467';

export interface TestBotOptions {
  env?: Record<string, string>;
  clock?: Clock;
  fake?: FakeOpenApi;
  /** Reuse a database (restart tests): another TestBot's databaseUrl. */
  databaseUrl?: string;
  /** Do not start the inbox/outbox workers (crash-after-ack tests). */
  noWorkers?: boolean;
  botOptions?: Partial<BotOptions>;
  /** Where log lines go (default: silent unless TEST_LOG is set). */
  log?: import('pino').Logger;
}

/**
 * A real bot on a real database (a new SQLite file, or a new PostgreSQL database in the
 * PostgreSQL pass), the real SDK pointed at a local fake Open API, real HTTP.
 */
export async function startTestBot(o: TestBotOptions = {}): Promise<TestBot> {
  const fake = o.fake ?? new FakeOpenApi();
  if (!fake.url) await fake.start();
  const owned = o.databaseUrl ? undefined : await createMigratedDatabase(TEST_DB_KIND);
  const databaseUrl = o.databaseUrl ?? owned!.url;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LARK_APP_ID: 'cli_test_app',
    LARK_APP_SECRET: 'test-app-secret-never-logged',
    LARK_VERIFICATION_TOKEN: TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: fake.url,
    BOT_ADMINS: ADMIN,
    BOT_LEADERS: LEADER,
    LOG_LEVEL: 'silent',
    // Tests that walk the scheduler through days and weeks are about other jobs: the nightly
    // backup (test/backup) would add a copy and its check to every simulated day. Once a year here.
    BOT_BACKUP_CRON: '30 2 1 1 *',
    ...o.env,
  });
  const log = o.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' });
  const api = createLarkClient({ appId: config.LARK_APP_ID!, appSecret: config.LARK_APP_SECRET!, domain: config.LARK_DOMAIN, log });
  const bot = await createBot({
    config,
    log,
    api,
    pollMs: 20,
    outboxPolicy: { baseDelayMs: 10, maxDelayMs: 50, giveUpAfterMs: 5_000, leaseMs: 2_000 },
    ...(o.clock ? { clock: o.clock } : {}),
    ...o.botOptions,
  });
  if (!o.noWorkers) bot.start();
  const server: Server = await new Promise((resolve) => {
    const s = bot.http.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  const cardAnswers: unknown[] = [];
  const close = async () => {
    if (closed) return;
    closed = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bot.stop();
  };
  const sign = (payload: unknown, so: { timestamp?: number } = {}): SignedPayload => ({
    ...signedRequest(payload, { key: config.LARK_ENCRYPT_KEY ?? ENCRYPT_KEY, ...(so.timestamp ? { timestamp: so.timestamp } : {}) }),
    payload,
  });
  const postSigned = async (req: SignedPayload, po: { path?: string } = {}) => {
    const res = await fetch(url + (po.path ?? '/webhook/event'), { method: 'POST', headers: req.headers, body: req.body });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    // Checked at destroy, so the check never counts in a test's answer times.
    if (res.status === 200 && isCardAction(req.payload)) cardAnswers.push(body);
    return { status: res.status, body };
  };
  return {
    bot,
    fake,
    config,
    url,
    databaseUrl,
    sign,
    postSigned,
    post: (payload, po = {}) => postSigned(sign(payload, po), po),
    close,
    async destroy() {
      await close();
      if (!o.fake) await fake.stop();
      await owned?.drop();
      // Every card sent, updated or answered in the test broke no documented rule.
      for (const a of cardAnswers) for (const f of checkCallbackAnswer(a)) fake.cardFindings.push(`callback answer: ${f}`);
      if (fake.cardFindings.length) throw new Error(`cards Lark would refuse:\n${fake.cardFindings.join('\n')}`);
    },
  };
}

function isCardAction(payload: unknown): boolean {
  return (payload as { header?: { event_type?: string } } | null)?.header?.event_type === 'card.action.trigger';
}

/** Polls until `check` returns a truthy value (no fixed sleeps); fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
