import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent, signedRequest } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const scrape = async () => {
  const res = await fetch(t.url + '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('counts events received and refused, handler runs, Open API calls and the queues, without personal data', async () => {
    t = await startTestBot();
    t.fake.users.set(STAFF, '李科员');
    t.fake.fail('/open-apis/im/v1/messages', { status: 503 });
    const help = messageEvent({ text: '/帮助', from: STAFF });
    await t.post(help);
    await t.post(help); // a redelivery
    const forged = signedRequest(messageEvent({ text: '/帮助' }), { key: 'not-the-key' });
    expect((await fetch(t.url + '/webhook/event', { method: 'POST', headers: forged.headers, body: forged.body })).status).toBe(401);
    await waitFor(() => t.fake.messages.length === 1, 5000, 'the reply after one 503');

    const text = await scrape();
    expect(value(text, 'fazhi_events_received_total{type="im.message.receive_v1"}')).toBe(1);
    expect(value(text, 'fazhi_events_refused_total{reason="duplicate"}')).toBe(1);
    expect(value(text, 'fazhi_events_refused_total{reason="bad signature"}')).toBe(1);
    expect(value(text, 'fazhi_handler_duration_seconds_count{handler="help"}')).toBe(1);
    expect(value(text, 'fazhi_open_api_calls_total{method="replyMessage",status="503"}')).toBe(1);
    expect(value(text, 'fazhi_open_api_calls_total{method="replyMessage",status="ok"}')).toBe(1);
    expect(value(text, 'fazhi_outbox_depth')).toBe(0);
    expect(value(text, 'fazhi_outbox_oldest_unsent_seconds')).toBe(0);
    expect(value(text, 'fazhi_inbox_lag_seconds')).toBe(0);
    expect(text).toContain('fazhi_process_resident_memory_bytes');
    for (const personal of [STAFF, '李科员', 'ou_', 'oc_', 'om_']) expect(text).not.toContain(personal);
  });

  it('shows a message waiting in the outbox and how old it is', async () => {
    t = await startTestBot();
    t.fake.fail('/open-apis/im/v1/messages', { status: 500 }, 1000);
    await t.post(messageEvent({ text: '/帮助', from: STAFF }));
    await waitFor(async () => (value(await scrape(), 'fazhi_outbox_depth') ?? 0) === 1, 5000, 'a waiting message');
    await new Promise((r) => setTimeout(r, 1100));
    expect(value(await scrape(), 'fazhi_outbox_oldest_unsent_seconds')).toBeGreaterThanOrEqual(1);
  });
});
