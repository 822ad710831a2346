import type { Express } from 'express';
import type { Logger } from '../logger.js';
import type { Bot } from '../app.js';
import type { LarkApi } from '../transport/lark-api.js';
import { LocalLarkApi } from './local-lark-api.js';

/**
 * Local mode: the same bot with the Open API replaced in process and a web chat at `/`
 * instead of Lark. Only the transport differs.
 */
export function createLocalMode(o: { log: Logger }): { api: LarkApi; mount: (app: Express, bot: Bot) => void } {
  const api = new LocalLarkApi();
  return {
    api,
    mount(app) {
      app.get('/', (_req, res) => {
        res.type('html').send('<!doctype html><meta charset="utf-8"><title>法治助手</title><p>法治助手本地模式正在运行。</p>');
      });
      o.log.debug('local chat mounted');
    },
  };
}
