/**
 * A server for the webhook benchmark, run as a child process so load and server do not
 * share a CPU thread. `bot`: the real bot (real webhook, inbox, handlers, outbox, SDK
 * client pointed at LARK_DOMAIN). `bare`: express doing only JSON parsing, the baseline.
 * `floor`: the bot's stack and nothing of the bot — express, the Lark SDK client and the Prisma
 * client on the same file with one query — the memory any bot on this stack needs.
 * Prints `READY <port>` when listening; answers `GET /rss` with its memory figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import express from 'express';
import { getHeapSpaceStatistics } from 'node:v8';
import type { AddressInfo } from 'node:net';

const mode = process.argv[2] ?? 'bot';
// Ends through process.exit, so a CPU profile (--cpu-prof) is written on the way out.
process.once('SIGTERM', () => process.exit(0));

function memory() {
  const status = (key: string) => {
    const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  };
  // MB committed per heap space: what a settled heap holds beyond what it uses.
  return { ...process.memoryUsage(), peakRss: status("VmHWM"), spaces: Object.fromEntries(getHeapSpaceStatistics().map((x) => [x.space_name, Math.round(x.space_size / 2 ** 20)])) };
}

/** Resets the peak (VmHWM) to the current RSS, so a later peak belongs to what came after. */
function resetPeak(app: express.Express) {
  app.post('/rss/reset', (_req, res) => {
    writeFileSync('/proc/self/clear_refs', '5');
    res.json(memory());
  });
}

async function main() {
  let app: express.Express;
  if (mode === 'floor') {
    const lark = await import('@larksuiteoapi/node-sdk');
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const { PrismaClient } = await import('../src/generated/prisma/client.js');
    const client = new lark.Client({ appId: 'cli_floor', appSecret: 'floor-secret', domain: process.env.LARK_DOMAIN ?? 'http://127.0.0.1:9' });
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: process.env.DATABASE_URL ?? 'file::memory:' }) });
    await prisma.$queryRawUnsafe('SELECT 1');
    app = express();
    app.post('/webhook/event', express.json({ limit: '1mb' }), (req, res) => res.json({ ok: typeof req.body === 'object' && Boolean(client) }));
    app.get('/rss', (_req, res) => res.json(memory()));
    resetPeak(app);
  } else if (mode === 'bare') {
    app = express();
    app.post('/webhook/event', express.json({ limit: '1mb' }), (req, res) => res.json({ ok: typeof req.body === 'object' }));
  } else {
    // Imported here, so the floor and bare servers do not load the bot.
    const { default: pino } = await import('pino');
    const { createBot } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config.js');
    const { createLarkClient } = await import('../src/transport/lark-client.js');
    const config = loadConfig(process.env);
    const log = pino({ level: process.env.BENCH_BOT_LOG_LEVEL ?? 'silent' }, pino.destination(2));
    const api = createLarkClient({ appId: config.LARK_APP_ID!, appSecret: config.LARK_APP_SECRET!, domain: config.LARK_DOMAIN, log });
    const bot = await createBot({ config, log, api, pollMs: 50, extendHttp: (a) => (a.get('/rss', (_req, res) => res.json(memory())), resetPeak(a)) });
    if (!process.env.BENCH_NO_WORKERS) bot.start();
    app = bot.http;
  }
  if (mode === 'bare') {
    app.get('/rss', (_req, res) => res.json(memory()));
    resetPeak(app);
  }
  const server = app.listen(0, '127.0.0.1', () => {
    // The load generator keeps connections alive between bursts.
    server.keepAliveTimeout = 60_000;
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
  });
}

void main();
