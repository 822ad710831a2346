import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeConfig, loadConfigOrExit, startupWarnings } from './config.js';
import { createLogger } from './logger.js';
import { createBot } from './app.js';
import { createLarkClient } from './transport/lark-client.js';
import { createLocalMode } from './local/local-mode.js';
import { WsReceiver } from './transport/ws-receiver.js';
import { eventTypesOf } from './bot/registry.js';

/** Wiring only: config → store → services → transport → listen. */
async function main(): Promise<void> {
  let config = loadConfigOrExit(process.env);
  const log = createLogger(config.LOG_LEVEL);
  log.info(describeConfig(config), 'starting 法治助手');
  for (const w of startupWarnings(config)) log.warn(w);

  const local = config.mode === 'local' ? createLocalMode({ log }) : undefined;
  if (local) config = local.configure(config);
  const api =
    local?.api ?? createLarkClient({ appId: config.LARK_APP_ID!, appSecret: config.LARK_APP_SECRET!, domain: config.LARK_DOMAIN, log });
  let receiver: WsReceiver | undefined;
  const bot = await createBot({
    config,
    log,
    api,
    ...(local ? { extendHttp: local.mount } : {}),
    healthDetails: () => (receiver ? { connection: receiver.health() } : {}),
  });
  if (config.mode === 'lark' && config.LARK_CONNECTION === 'ws') {
    receiver = new WsReceiver({
      appId: config.LARK_APP_ID!,
      appSecret: config.LARK_APP_SECRET!,
      domain: config.LARK_DOMAIN,
      encryptKey: config.LARK_ENCRYPT_KEY,
      dispatcher: bot.dispatcher,
      eventTypes: eventTypesOf(bot.registry),
      log,
    });
  }
  bot.start();
  await receiver?.start();

  // Express 5 hands a listen error to this callback (and only there): a taken port must end the
  // process with a clear line, not leave it running without a server.
  const server: Server = bot.http.listen(config.PORT, config.HOST, (err?: NodeJS.ErrnoException) => {
    if (err) {
      const why = err.code === 'EADDRINUSE' ? `端口 ${config.PORT} 已被占用` : err.code === 'EACCES' ? `无权监听端口 ${config.PORT}` : err.message;
      process.stderr.write(`启动失败：${why}（PORT=${config.PORT}，HOST=${config.HOST}）\n`);
      process.exit(1);
    }
    // The port bound, which PORT=0 leaves to the system.
    const port = (server.address() as AddressInfo).port;
    const where = `http://${config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST}:${port}`;
    const how =
      config.mode === 'local'
        ? `local mode: open ${where}/ to chat with the bot`
        : receiver
          ? 'receiving Lark events over the long connection; /healthz shows its state'
          : 'listening for Lark events on /webhook/event';
    log.info({ url: where }, how);
  });


  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    local?.close();
    log.info({ signal }, 'stopping: draining work in hand');
    const force = setTimeout(() => {
      log.error('drain took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await receiver?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bot.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`启动失败：${(e as Error).message}\n`);
  process.exit(1);
});
