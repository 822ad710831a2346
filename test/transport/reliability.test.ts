import { afterEach, describe, expect, it } from 'vitest';
import { timeOwnWork } from '../support/answer-time.js';
import { cardActionEvent, messageEvent, signedRequest } from '../support/lark-payloads.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

const bots: TestBot[] = [];
const fakes: FakeOpenApi[] = [];
async function bot(o: Parameters<typeof startTestBot>[0] = {}) {
  const b = await startTestBot(o);
  bots.push(b);
  return b;
}
afterEach(async () => {
  for (const b of bots.splice(0)) await b.close();
  for (const f of fakes.splice(0)) await f.stop();
});
async function sharedFake() {
  const f = new FakeOpenApi();
  await f.start();
  fakes.push(f);
  return f;
}

describe('ack first, exactly once', () => {
  it('the same event_id delivered twice has one effect', async () => {
    const t = await bot();
    const e = messageEvent({ text: '/帮助' });
    expect((await t.post(e)).status).toBe(200);
    expect((await t.post(e)).status).toBe(200);
    await waitFor(() => t.fake.messages.length >= 1);
    await waitFor(async () => (await t.bot.db.inboxEvent.findFirst())?.status === 'done');
    expect(await t.bot.db.inboxEvent.count()).toBe(1);
    expect(await t.bot.db.outboxMessage.count()).toBe(1);
    expect(t.fake.messages).toHaveLength(1);
  });

  it('a card callback delivered twice gets the same answer, byte for byte the one stored', async () => {
    const t = await bot();
    const click = cardActionEvent({ value: { action: 'case.submit' }, from: STAFF, messageId: 'om_twice', formValue: { enterprise: '好得科技有限公司', category: 'other', content: '企业诉求' } });
    const request = signedRequest(click);
    const send = async () => {
      const res = await fetch(`${t.url}/webhook/card`, { method: 'POST', headers: request.headers, body: request.body });
      return { type: res.headers.get('content-type'), text: await res.text() };
    };
    const first = await send();
    const again = await send();
    expect(first.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(first.text)).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
    expect(again).toEqual(first);
    const row = await t.bot.db.inboxEvent.findUniqueOrThrow({ where: { eventId: click.header.event_id } });
    expect(row.response).toBe(first.text);
    expect(await t.bot.db.enterpriseCase.count()).toBe(1);
  });

  it('a redelivery after a restart has no second effect', async () => {
    const fake = await sharedFake();
    const first = await bot({ fake });
    const e = messageEvent({ text: '/帮助' });
    await first.post(e);
    await waitFor(() => fake.messages.length === 1);
    await first.close();
    const second = await bot({ fake, databaseUrl: first.databaseUrl });
    expect((await second.post(e)).status).toBe(200);
    await second.post(messageEvent({ text: '/帮助' })); // a new event still works
    await waitFor(() => fake.messages.length === 2);
    expect(await second.bot.db.inboxEvent.count()).toBe(2);
  });

  it('acknowledges at once while the Open API hangs, and sends once when the connection recovers', async () => {
    const t = await bot();
    t.fake.fail('/open-apis/im/v1/messages', { hang: true }, 1);
    // Timed without other processes' load on the machine (support/answer-time.ts).
    const { value: res, ms } = await timeOwnWork(() => t.post(messageEvent({ text: '/帮助' })));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    await waitFor(() => t.fake.sendRequests.length === 1, 3000, 'the hanging send');
    expect(t.fake.messages).toHaveLength(0);
    t.fake.dropConnections();
    await waitFor(() => t.fake.messages.length === 1, 5000, 'the retried send');
    expect(new Set(t.fake.sendRequests.map((r) => r.body.uuid)).size).toBe(1);
  });

  it('after an outage (network reset, 500, 429, rate-limit codes) the message arrives exactly once with the same uuid', async () => {
    const t = await bot();
    t.fake.fail('/open-apis/im/v1/messages', { reset: true }, 1);
    t.fake.fail('/open-apis/im/v1/messages', { status: 500 }, 1);
    t.fake.fail('/open-apis/im/v1/messages', { status: 429 }, 1);
    t.fake.fail('/open-apis/im/v1/messages', { code: 99991400 }, 1);
    t.fake.fail('/open-apis/im/v1/messages', { code: 230020 }, 1);
    await t.post(messageEvent({ text: '/帮助' }));
    await waitFor(() => t.fake.messages.length === 1, 10_000, 'delivery after the outage');
    const attempts = t.fake.sendRequests;
    expect(attempts).toHaveLength(6);
    expect(new Set(attempts.map((r) => r.body.uuid ?? JSON.parse(r.rawBody.toString()).uuid)).size).toBe(1);
    // The row is marked sent just after Lark answers.
    const row = await waitFor(async () => {
      const r = await t.bot.db.outboxMessage.findFirstOrThrow();
      return r.status === 'sent' ? r : undefined;
    });
    expect(row.attempts).toBe(6);
    expect(row.messageId).toBe(t.fake.messages[0]!.messageId);
  });

  it('does not retry a permanent error, and records why', async () => {
    const t = await bot();
    t.fake.fail('/open-apis/im/v1/messages', { status: 400 }, 5);
    // A text answer: a card with a text fallback would send the fallback instead.
    await t.post(messageEvent({ text: '/我的' }));
    const row = await waitFor(async () => {
      const r = await t.bot.db.outboxMessage.findFirst();
      return r?.status === 'failed' ? r : undefined;
    });
    expect(row.lastError).toMatch(/not retryable.*HTTP 400/);
    expect(t.fake.sendRequests).toHaveLength(1);
  });

  it('gives up after the bounded time and records why', async () => {
    const t = await bot({ botOptions: { outboxPolicy: { baseDelayMs: 5, maxDelayMs: 20, giveUpAfterMs: 300, leaseMs: 2000 } } });
    t.fake.fail('/open-apis/im/v1/messages', { status: 503 }, 1000);
    await t.post(messageEvent({ text: '/帮助' }));
    const row = await waitFor(async () => {
      const r = await t.bot.db.outboxMessage.findFirst();
      return r?.status === 'failed' ? r : undefined;
    }, 5000);
    expect(row.lastError).toMatch(/gave up after \d+ attempts/);
    expect(t.fake.messages).toHaveLength(0);
  });

  it('an event acknowledged just before a crash is handled on the next start', async () => {
    const fake = await sharedFake();
    const crashed = await bot({ fake, noWorkers: true });
    expect((await crashed.post(messageEvent({ text: '/帮助' }))).status).toBe(200);
    expect((await crashed.bot.db.inboxEvent.findFirstOrThrow()).status).toBe('pending');
    await crashed.close();
    expect(fake.messages).toHaveLength(0);
    const restarted = await bot({ fake, databaseUrl: crashed.databaseUrl });
    await waitFor(() => fake.messages.length === 1, 5000, 'the recovered reply');
    await waitFor(async () => (await restarted.bot.db.inboxEvent.findFirstOrThrow()).status === 'done', 5000, 'the recovered row marked done');
  });

  it('a message stored but not yet sent before a crash is sent on the next start, once', async () => {
    const fake = await sharedFake();
    fake.fail('/open-apis/im/v1/messages', { status: 502 }, 1);
    const first = await bot({ fake, botOptions: { outboxPolicy: { baseDelayMs: 60_000, maxDelayMs: 60_000, giveUpAfterMs: 600_000, leaseMs: 2000 } } });
    await first.post(messageEvent({ text: '/帮助' }));
    await waitFor(async () => (await first.bot.db.outboxMessage.findFirst())?.attempts === 1);
    await first.close();
    const row = await (await bot({ fake, databaseUrl: first.databaseUrl, noWorkers: true })).bot.db.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe('pending');
    // The backoff is a minute away; a restart with the clock past it sends it.
    const later = { now: () => new Date(Date.now() + 120_000) };
    const second = await bot({ fake, databaseUrl: first.databaseUrl, clock: later });
    await waitFor(() => fake.messages.length === 1, 5000);
    expect(new Set(fake.sendRequests.map((r) => r.body.uuid)).size).toBe(1);
    await second.close();
  });
});

describe('a command that keeps failing', () => {
  it('is tried three times with a pause between, then the sender is told once and the row records why', async () => {
    const { registry } = await import('../../src/handlers/registry.js');
    let runs = 0;
    const boom = { id: 'boom', names: ['故障'], usage: '/故障', summary: '测试', run: async () => { runs++; throw new Error('disk I/O error'); } };
    const t = await bot({ botOptions: { registry: { ...registry, commands: [...registry.commands, boom] }, inboxRetryBaseMs: 100 } });
    const started = Date.now();
    await t.post(messageEvent({ text: '/故障' }));
    const row = await waitFor(async () => {
      const r = await t.bot.db.inboxEvent.findFirst();
      return r?.status === 'failed' ? r : undefined;
    }, 5000);
    expect(runs).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100 + 400);
    expect(row.lastError).toBe('disk I/O error');
    const reply = await waitFor(() => t.fake.messages[0], 5000, 'the apology');
    expect(reply.content.text).toBe('抱歉，这条消息处理失败，已记录在案。请稍后重试；如仍不成功，请联系管理员。');
    expect(reply.replyTo).toMatch(/^om_/);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.fake.messages).toHaveLength(1);
  });
});
