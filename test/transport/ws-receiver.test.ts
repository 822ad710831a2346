import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { registry as defaultRegistry } from '../../src/handlers/registry.js';
import { eventTypesOf } from '../../src/bot/registry.js';
import type { ActionHandler } from '../../src/bot/registry.js';
import { WsReceiver, type WsReceiverOptions } from '../../src/transport/ws-receiver.js';
import { FakeLarkWs } from '../support/fake-lark-ws.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

const APP_ID = 'cli_a1b2c3d4e5f60718';

/** A card action that takes as long as the test wants. */
let releaseSlow: () => void = () => {};
const slowAction: ActionHandler = {
  id: 'test.slow',
  async run() {
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { toast: { type: 'success', content: '已处理' } };
  },
};

/** A card action that says what it did, and counts how often it really ran. */
const clicks: string[] = [];
const stampAction: ActionHandler = {
  id: 'test.stamp',
  async run(ctx) {
    clicks.push(ctx.eventId);
    return {
      toast: { type: 'success', content: '已签到' },
      card: { schema: '2.0', header: { title: { tag: 'plain_text', content: '学法签到' } }, body: { elements: [{ tag: 'markdown', content: `已签到 ${clicks.length} 人` }] } },
    };
  },
};

interface WsBot {
  t: TestBot;
  lws: FakeLarkWs;
  receiver: WsReceiver;
  logs: any[];
  stop(): Promise<void>;
}

let current: WsBot | undefined;
afterEach(async () => {
  releaseSlow();
  await current?.stop();
  current = undefined;
  clicks.length = 0;
});

/** The real bot in ws mode: the real SDK's WSClient against the fake long-connection service. */
async function startWsBot(
  o: { beforeStart?: (fake: FakeOpenApi) => void; receiver?: Partial<WsReceiverOptions>; clientConfig?: ConstructorParameters<typeof FakeLarkWs>[1] } = {},
): Promise<WsBot> {
  const fake = new FakeOpenApi();
  await fake.start();
  const lws = new FakeLarkWs(fake, o.clientConfig);
  await lws.start();
  let receiver: WsReceiver | undefined;
  const t = await startTestBot({
    fake,
    env: { LARK_CONNECTION: 'ws', LARK_APP_ID: APP_ID },
    botOptions: {
      registry: { ...defaultRegistry, actions: [stampAction, slowAction] },
      healthDetails: () => ({ connection: receiver?.health() }),
      cardAnswerBudgetMs: 300,
    },
  });
  const logs: any[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  receiver = new WsReceiver({
    appId: t.config.LARK_APP_ID!,
    appSecret: t.config.LARK_APP_SECRET!,
    domain: t.config.LARK_DOMAIN,
    encryptKey: t.config.LARK_ENCRYPT_KEY,
    dispatcher: t.bot.dispatcher,
    eventTypes: eventTypesOf(t.bot.registry),
    log,
    restart: { baseDelayMs: 20, maxDelayMs: 100 },
    ...o.receiver,
  });
  o.beforeStart?.(fake);
  await receiver.start();
  const r = receiver;
  current = {
    t,
    lws,
    receiver: r,
    logs,
    async stop() {
      await r.stop();
      await t.destroy();
      await lws.stop();
      await fake.stop();
    },
  };
  return current;
}

const connected = (w: WsBot) => waitFor(() => w.receiver.health().state === 'connected' && w.lws.live, 5000, 'the long connection');
const stateLines = (w: WsBot) => w.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('long connection')).map((l) => l.state);

describe('long connection (LARK_CONNECTION=ws)', () => {
  it('finds the endpoint under LARK_DOMAIN with the app id and secret, and answers /帮助 through the Open API', async () => {
    const w = await startWsBot();
    await connected(w);
    expect(w.lws.discoveries[0]).toEqual({ AppID: APP_ID, AppSecret: w.t.config.LARK_APP_SECRET });

    const answer = await w.lws.push(messageEvent({ text: '/帮助', from: STAFF }));
    expect(answer.code).toBe(200);
    const reply = await waitFor(() => w.t.fake.messages[0], 5000, 'a reply');
    expect(JSON.stringify(reply.content)).toContain('/帮助');
    expect(reply.replyTo).toMatch(/^om_/);
  });

  it('stores the event as Lark sent it (less the verification token), also when it arrives in fragments', async () => {
    const w = await startWsBot();
    await connected(w);
    const event = messageEvent({ text: '/帮助' });
    expect((await w.lws.push(event, { fragments: 3 })).code).toBe(200);
    const row = await w.t.bot.db.inboxEvent.findUnique({ where: { eventId: event.header.event_id } });
    const { token: _token, ...header } = event.header;
    expect(JSON.parse(row!.payload)).toEqual({ ...event, header });
  });

  it('returns a card callback’s toast and new card on the connection', async () => {
    const w = await startWsBot();
    await connected(w);
    const click = cardActionEvent({ value: { action: 'test.stamp' }, from: STAFF });
    const answer = await w.lws.push(click);
    expect(answer.code).toBe(200);
    expect(answer.data.toast).toEqual({ type: 'success', content: '已签到' });
    expect(answer.data.card.type).toBe('raw');
    expect(answer.data.card.data.body.elements[0].content).toBe('已签到 1 人');
    expect(clicks).toEqual([click.header.event_id]);
    // The handler saw the card token where the webhook puts it.
    const row = await w.t.bot.db.inboxEvent.findUnique({ where: { eventId: click.header.event_id } });
    expect(JSON.parse(row!.payload).event.token).toBe(click.event.token);
  });

  it('answers a slow card callback empty within the budget on the connection, and the work still finishes', async () => {
    const w = await startWsBot();
    await connected(w);
    const click = cardActionEvent({ value: { action: 'test.slow' }, from: STAFF });
    const answer = await w.lws.push(click);
    expect(answer).toEqual({ code: 200, data: {} });
    releaseSlow();
    await waitFor(async () => (await w.t.bot.db.inboxEvent.findUnique({ where: { eventId: click.header.event_id } }))?.status === 'done', 5000, 'the action to finish');
  });

  it('notices a half-open connection by the missing pong and connects again', async () => {
    const w = await startWsBot({ clientConfig: { PingInterval: 0.3, ReconnectCount: -1, ReconnectInterval: 0.05, ReconnectNonce: 0 }, receiver: { pingTimeoutS: 0.15 } });
    await connected(w);
    await waitFor(() => w.lws.pings.length > 0, 5000, 'a ping');
    const first = w.lws.live;
    const before = w.lws.connections.length;
    w.lws.silent = true;
    await waitFor(() => w.lws.connections.length > before, 5000, 'another connection');
    w.lws.silent = false;
    await waitFor(() => w.lws.live && w.lws.live !== first && w.receiver.health().state === 'connected', 5000, 'the new connection');
    await w.lws.push(messageEvent({ text: '/帮助' }));
    await waitFor(() => w.t.fake.messages[0], 5000, 'a reply on the new connection');
  });

  it('re-establishes a dropped connection, logging each change of state once, and events flow again', async () => {
    const w = await startWsBot();
    await connected(w);
    const first = w.lws.live;
    w.lws.drop();
    await waitFor(() => w.lws.live && w.lws.live !== first && w.receiver.health().state === 'connected', 5000, 'a new connection');
    expect(w.lws.discoveries).toHaveLength(2);
    expect(stateLines(w)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);

    await w.lws.push(messageEvent({ text: '/帮助' }));
    await waitFor(() => w.t.fake.messages[0], 5000, 'a reply after the reconnect');
    const health: any = await (await fetch(`${w.t.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', connection: { mode: 'ws', state: 'connected', reconnects: 1 } });
  });

  it('gives an event or a card callback that Lark resends after a reconnect no second effect', async () => {
    const w = await startWsBot();
    await connected(w);
    const chatId = 'oc_resend0000000000000000000000001';
    const event = messageEvent({ text: '/帮助', chatId });
    const click = cardActionEvent({ value: { action: 'test.stamp' }, from: STAFF });
    await w.lws.push(event);
    const firstAnswer = await w.lws.push(click);
    await waitFor(() => w.t.fake.messages.length === 1, 5000, 'the first reply');

    const first = w.lws.live;
    w.lws.drop();
    await waitFor(() => w.lws.live && w.lws.live !== first && w.receiver.health().state === 'connected', 5000, 'a new connection');
    expect((await w.lws.push(event)).code).toBe(200);
    const again = await w.lws.push(click);
    expect(again).toEqual(firstAnswer);
    // A later message in the same chat is handled after anything before it, so once its reply is
    // out, a duplicate would have been sent too.
    await w.lws.push(messageEvent({ text: '/帮助', chatId }));
    await waitFor(() => w.t.fake.messages.length >= 2, 5000, 'the reply to the later message');
    expect(w.t.fake.messages).toHaveLength(2);
    expect(clicks).toHaveLength(1);
    expect(await w.t.bot.db.inboxEvent.count({ where: { eventId: event.header.event_id } })).toBe(1);
  });

  it('reports a refused endpoint discovery on /healthz and starts again with backoff until it connects', async () => {
    let refusals = 2;
    const refuse = (fake: FakeOpenApi) =>
      fake.on('POST', /^\/callback\/ws\/endpoint$/, () => (refusals-- > 0 ? { body: { code: 514, msg: 'auth failed', data: {} } } : undefined));
    // Long enough a pause between attempts for the test to look at the failed state (a loaded machine included).
    const w = await startWsBot({ beforeStart: refuse, receiver: { restart: { baseDelayMs: 800, maxDelayMs: 800 } } });
    await waitFor(() => w.receiver.health().state === 'failed', 5000, 'the failure');
    const health: any = await (await fetch(`${w.t.url}/healthz`)).json();
    expect(health.status).toBe('ok');
    expect(health.connection).toMatchObject({ mode: 'ws', state: 'failed', lastError: expect.stringContaining('514') });

    await connected(w);
    expect(w.t.fake.requests.filter((r) => r.path === '/callback/ws/endpoint')).toHaveLength(3);
    expect(w.receiver.health()).not.toHaveProperty('lastError');
    await w.lws.push(messageEvent({ text: '/帮助' }));
    await waitFor(() => w.t.fake.messages[0], 5000, 'a reply once connected');
  });

  it('says /healthz is stopped after stop, and refuses an app id the SDK would silently ignore', async () => {
    const w = await startWsBot();
    await connected(w);
    await w.receiver.stop();
    const health: any = await (await fetch(`${w.t.url}/healthz`)).json();
    expect(health.connection.state).toBe('stopped');
    expect(() => new WsReceiver({ appId: 'cli_test_app', appSecret: 's', domain: w.t.config.LARK_DOMAIN, dispatcher: w.t.bot.dispatcher, eventTypes: eventTypesOf(w.t.bot.registry), log: pino({ level: 'silent' }) })).toThrow(/LARK_APP_ID/);
  });
});
