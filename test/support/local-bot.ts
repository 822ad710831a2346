import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createBot, type Bot } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { registry as defaultRegistry } from '../../src/handlers/registry.js';
import type { Registry } from '../../src/bot/registry.js';
import { createLocalMode } from '../../src/local/local-mode.js';
import type { LocalLarkApi } from '../../src/local/local-lark-api.js';

export interface LocalBot {
  bot: Bot;
  api: LocalLarkApi;
  url: string;
  dbPath: string;
  /** JSON request to the local chat's API, as the page makes it. */
  call(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  destroy(): Promise<void>;
}

/** The bot as `npm start` runs it without LARK_APP_ID: local mode on a temp database, real HTTP. */
export async function startLocalBot(o: { registry?: Registry; env?: Record<string, string> } = {}): Promise<LocalBot> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-local-'));
  const dbPath = join(dir, 'bot.db');
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const registry = o.registry ?? defaultRegistry;
  const local = createLocalMode({ log });
  const config = local.configure(loadConfig({ DATABASE_URL: `file:${dbPath}`, LOG_LEVEL: 'silent', ...o.env }));
  const bot = await createBot({ config, log, api: local.api, registry, extendHttp: local.mount, weeklyChartPicture: local.weeklyChartPicture, pollMs: 20 });
  bot.start();
  const server: Server = await new Promise((resolve) => {
    const s = bot.http.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    bot,
    api: local.api,
    url,
    dbPath,
    async call(path, body) {
      const res = await fetch(url + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json().catch(() => undefined) };
    },
    async destroy() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
