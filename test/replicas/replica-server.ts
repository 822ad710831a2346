/**
 * One bot replica as its own process, for the replica tests: the real bot (webhook, inbox,
 * handlers, outbox, scheduler) on DATABASE_URL, with short polls and leases so a killed
 * replica's claims are taken over within seconds. Prints `READY <port>`; SIGTERM drains.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBot } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLarkClient } from '../../src/transport/lark-client.js';

const config = loadConfig(process.env);
const log = pino({ level: process.env.REPLICA_LOG ?? 'silent' });
const leaseMs = Number(process.env.REPLICA_LEASE_MS ?? 5_000);
// Short polls so a killed replica's claims are taken over quickly; bench:replicas uses the bot's default (1 s).
const pollMs = Number(process.env.REPLICA_POLL_MS ?? 20);
const api = createLarkClient({ appId: config.LARK_APP_ID!, appSecret: config.LARK_APP_SECRET!, domain: config.LARK_DOMAIN, log });
const bot = await createBot({
  config,
  log,
  api,
  pollMs,
  inboxLeaseMs: leaseMs,
  outboxPolicy: { baseDelayMs: 10, maxDelayMs: 50, giveUpAfterMs: 30_000, leaseMs },
  scheduler: { owner: process.env.REPLICA_NAME ?? `replica-${process.pid}` },
});
bot.start();
const server = bot.http.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`));
// A balancer keeps connections open between bursts.
server.keepAliveTimeout = 60_000;
process.on('SIGTERM', () => {
  server.close();
  void bot.stop().then(() => process.exit(0));
});
