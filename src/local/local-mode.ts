import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Registry } from '../bot/registry.js';
import type { Dispatcher } from '../transport/lark-dispatcher.js';
import { DEMO_PEOPLE, withDemoRoles, type DemoPerson } from './demo-people.js';
import { LocalLarkApi } from './local-lark-api.js';
import { mountLocalRoutes } from './local-routes.js';
import { mountLocalNativeRoutes } from './local-native-routes.js';
import { hostGuard } from './host-guard.js';
import { mountCloudPages } from './cloud-pages.js';

const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

/** What the web chat needs of the running bot (the Bot of app.ts has it). */
export interface LocalBot {
  config: Config;
  clock: Clock;
  dispatcher: Dispatcher;
  registry: Registry;
}

export interface LocalMode {
  api: LocalLarkApi;
  /** The config with the demo admin and leader, unless the environment names them. */
  configure(config: Config): Config;
  mount(app: Express, bot: LocalBot): void;
  /** Answers the page's open long polls now, so stopping the server does not wait for them. */
  close(): void;
}

/**
 * Local mode: the same bot with the Open API replaced in process and a web chat at `/`
 * instead of Lark. Only the transport differs: the page's messages and clicks become
 * schema 2.0 events through the same dispatcher; what the bot sends goes through the outbox.
 */
export function createLocalMode(options: { log: Logger; people?: DemoPerson[] }): LocalMode {
  const { log } = options;
  const people = options.people ?? DEMO_PEOPLE;
  const api = new LocalLarkApi({ people });
  return {
    api,
    configure(config) {
      // The cloud document and the Base table live in this process: on unless the environment names its own.
      const c = { ...withDemoRoles(config, people), LARK_DOCS_FOLDER_TOKEN: config.LARK_DOCS_FOLDER_TOKEN ?? 'fldlocal', BOT_BITABLE_APP_TOKEN: config.BOT_BITABLE_APP_TOKEN ?? 'baslocal' };
      log.info({ admins: c.BOT_ADMINS, leaders: c.BOT_LEADERS }, 'local mode: admins and leaders (demo people unless BOT_ADMINS / BOT_LEADERS are set)');
      return c;
    },
    close: () => api.close(),
    mount(app, bot) {
      // Everyone who reaches the page may act as anyone: only this machine's own names may.
      app.use(hostGuard(bot.config.HOST));
      app.get('/', (_req, res) => res.sendFile('index.html', { root: WEB_DIR }));
      app.use('/local/web', express.static(WEB_DIR, { index: false, maxAge: 0 }));
      mountLocalRoutes(app, { api, dispatcher: bot.dispatcher, config: bot.config, clock: bot.clock, log, registry: bot.registry });
      mountLocalNativeRoutes(app, { api, dispatcher: bot.dispatcher, clock: bot.clock });
      mountCloudPages(app, { cloud: api.cloud, people, timezone: bot.config.BOT_TIMEZONE });
      log.debug('local chat mounted');
    },
  };
}
