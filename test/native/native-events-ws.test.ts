import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventTypesOf } from '../../src/bot/registry.js';
import { registry } from '../../src/handlers/registry.js';
import { WsReceiver } from '../../src/transport/ws-receiver.js';
import { FakeLarkWs } from '../support/fake-lark-ws.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { botMembershipEvent, menuEvent, p2pEnteredEvent } from '../support/native-payloads.js';
import { STAFF, startTestBot, waitFor } from '../support/test-bot.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('the new event types over the long connection', () => {
  it('subscribes to them, and handles a menu tap, a bot add and a first visit like the webhook, once each', async () => {
    const fake = new FakeOpenApi();
    await fake.start();
    const lws = new FakeLarkWs(fake);
    await lws.start();
    const t = await startTestBot({ fake, env: { LARK_CONNECTION: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718' } });
    const receiver = new WsReceiver({
      appId: t.config.LARK_APP_ID!,
      appSecret: t.config.LARK_APP_SECRET!,
      domain: t.config.LARK_DOMAIN,
      dispatcher: t.bot.dispatcher,
      eventTypes: eventTypesOf(registry),
      log: pino({ level: 'silent' }),
    });
    stops.push(() => fake.stop(), () => lws.stop(), () => t.destroy(), () => receiver.stop());
    await receiver.start();
    await waitFor(() => receiver.health().state === 'connected' && lws.live, 5000, 'the long connection');

    const added = botMembershipEvent({ chatId: 'oc_ws_group' });
    for (const e of [menuEvent({ key: 'my_cases', from: STAFF }), added, added, p2pEnteredEvent({ from: STAFF, chatId: 'oc_ws_p2p' })]) {
      expect((await lws.push(e)).code).toBe(200);
    }
    await waitFor(() => t.fake.messages.length >= 3, 5000, 'three answers');
    await waitFor(async () => (await t.bot.db.inboxEvent.count({ where: { status: { not: 'done' } } })) === 0, 5000, 'events handled');
    expect(t.fake.textsTo(STAFF)).toEqual(['您目前没有未办结的诉求。']);
    expect(t.fake.messages.filter((m) => m.receiveId === 'oc_ws_group').map((m) => m.content.header.title.content)).toEqual(['法治助手已加入本群']);
    expect(t.fake.messages.filter((m) => m.receiveId === 'oc_ws_p2p').map((m) => m.content.header.title.content)).toEqual(['您好，我是法治助手']);
  });
});
