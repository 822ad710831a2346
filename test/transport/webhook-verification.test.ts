import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { encrypt, ENCRYPT_KEY, fixture, messageEvent, signedRequest, TOKEN } from '../support/lark-payloads.js';
import { signatureOf } from '../../src/transport/verify.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.destroy());

async function raw(body: string | Buffer, headers: Record<string, string>, path = '/webhook/event') {
  const res = await fetch(t.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.text() };
}

async function nothingStoredOrSent() {
  expect(await t.bot.db.inboxEvent.count()).toBe(0);
  expect(await t.bot.db.outboxMessage.count()).toBe(0);
  expect(t.fake.sendRequests).toHaveLength(0);
}

function resign(body: string, o: { timestamp?: string; nonce?: string; key?: string } = {}) {
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomUUID();
  return { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signatureOf(timestamp, nonce, o.key ?? ENCRYPT_KEY, body) };
}

describe('webhook verification', () => {
  it('answers the url_verification challenge plain and encrypted (unsigned: Lark does not sign it)', async () => {
    const res = await raw(JSON.stringify(fixture('url_verification.json')), {});
    expect(JSON.parse(res.body)).toEqual({ challenge: 'ajls384kdjx98XX' });
    const wrong = await raw(JSON.stringify({ ...fixture('url_verification.json'), token: 'x' }), {});
    expect(wrong.status).toBe(401);
    const enc = JSON.stringify({ encrypt: encrypt(JSON.stringify(fixture('url_verification.json'))) });
    const ok = await raw(enc, {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ challenge: 'ajls384kdjx98XX' });
  });

  it('answers an encrypted and signed challenge, and refuses one with a forged signature', async () => {
    const req = signedRequest(fixture('url_verification.json'));
    expect(JSON.parse((await raw(req.body, req.headers)).body)).toEqual({ challenge: 'ajls384kdjx98XX' });
    const forged = await raw(req.body, { ...req.headers, 'x-lark-signature': 'a'.repeat(64) });
    expect(forged.status).toBe(401);
  });

  it('refuses a challenge with the wrong token', async () => {
    const req = signedRequest({ ...fixture('url_verification.json'), token: 'wrong' });
    expect((await raw(req.body, req.headers)).status).toBe(401);
  });

  it('refuses a plain (unencrypted) event when an encrypt key is set (401)', async () => {
    const body = JSON.stringify(messageEvent({ text: '/帮助' }));
    expect((await raw(body, resign(body))).status).toBe(401);
    expect((await raw(body, {})).status).toBe(401);
    await nothingStoredOrSent();
  });

  it('refuses an event without signature headers (401) and stores nothing', async () => {
    const req = signedRequest(messageEvent({ text: '/帮助' }));
    const res = await raw(req.body, { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    await nothingStoredOrSent();
  });

  it('refuses a bad signature (401): a body changed after signing', async () => {
    const req = signedRequest(messageEvent({ text: '/帮助' }));
    const tampered = JSON.stringify({ encrypt: encrypt(JSON.stringify(messageEvent({ text: '/总结' }))) });
    expect((await raw(tampered, req.headers)).status).toBe(401);
    // Same bytes re-serialized differently (a space) no longer match: the check is on the raw body.
    expect((await raw(req.body.replace('{"encrypt":', '{ "encrypt":'), req.headers)).status).toBe(401);
    await nothingStoredOrSent();
  });

  it('refuses a signature made with another key (401)', async () => {
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(messageEvent({ text: '/帮助' }))) });
    expect((await raw(body, resign(body, { key: 'another-key' }))).status).toBe(401);
    await nothingStoredOrSent();
  });

  it('refuses a timestamp more than 5 minutes old or ahead (401), accepts one 4 minutes old', async () => {
    const now = Math.floor(Date.now() / 1000);
    // 30 s past the window each way: a request delayed on a loaded machine is still outside it.
    for (const ts of [now - 330, now + 330, Number.NaN]) {
      const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(messageEvent({ text: '/帮助' }))) });
      expect((await raw(body, resign(body, { timestamp: String(ts) }))).status).toBe(401);
    }
    await nothingStoredOrSent();
    const ok = await t.post(messageEvent({ text: '/帮助' }), { timestamp: now - 240 });
    expect(ok.status).toBe(200);
    await waitFor(() => t.fake.messages.length === 1, 5000, 'the reply');
    await t.bot.db.inboxEvent.deleteMany();
    await t.bot.db.outboxMessage.deleteMany();
    t.fake.requests.length = 0;
    t.fake.messages.length = 0;
  });

  it('refuses a wrong header.token (401) even when correctly signed', async () => {
    const e = messageEvent({ text: '/帮助' });
    e.header.token = 'not-the-token';
    expect((await t.post(e)).status).toBe(401);
    await nothingStoredOrSent();
  });

  it('answers 400 for malformed JSON, an undecryptable body, and a decrypted body that is not an event', async () => {
    const cases = [
      '{"encrypt": ',
      JSON.stringify({ encrypt: 'bm90LXJlYWxseS1lbmNyeXB0ZWQtYXQtYWxs' }),
      JSON.stringify({ encrypt: encrypt('not json') }),
      JSON.stringify({ encrypt: encrypt(JSON.stringify({ hello: 'world' })) }),
    ];
    for (const body of cases) expect((await raw(body, resign(body))).status, body.slice(0, 30)).toBe(400);
    await nothingStoredOrSent();
  });

  it('answers 413 for a body over 1 MB', async () => {
    const body = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + 10) });
    expect((await raw(body, resign(body))).status).toBe(413);
    await nothingStoredOrSent();
  });

  it('accepts /webhook/card as an alias', async () => {
    const req = signedRequest(fixture('url_verification.json'));
    expect(JSON.parse((await raw(req.body, req.headers, '/webhook/card')).body)).toEqual({ challenge: 'ajls384kdjx98XX' });
  });

  it('decrypts the platform documentation sample (key "test key")', async () => {
    const lark = await import('@larksuiteoapi/node-sdk');
    expect(new lark.AESCipher('test key').decrypt('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('uses the verification token the fixtures carry', () => {
    expect(fixture('im.message.receive_v1.p2p-text.json').header.token).toBe(TOKEN);
  });
});

describe('webhook without an encrypt key', () => {
  it('accepts plain events checked by token, answers the plain challenge, refuses encrypted bodies (400)', async () => {
    const p = await startTestBot({ env: { LARK_ENCRYPT_KEY: '' } });
    try {
      const post = (b: unknown) => fetch(p.url + '/webhook/event', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
      expect(await (await post(fixture('url_verification.json'))).json()).toEqual({ challenge: 'ajls384kdjx98XX' });
      expect((await post({ ...fixture('url_verification.json'), token: 'x' })).status).toBe(401);
      expect((await post(messageEvent({ text: '/帮助' }))).status).toBe(200);
      expect((await post({ encrypt: encrypt('{}') })).status).toBe(400);
    } finally {
      await p.destroy();
    }
  });
});

describe('webhook with the long connection', () => {
  it('is closed (404, nothing stored) when LARK_CONNECTION=ws, where no verification token is required', async () => {
    const p = await startTestBot({ env: { LARK_CONNECTION: 'ws', LARK_VERIFICATION_TOKEN: '', LARK_ENCRYPT_KEY: '' } });
    try {
      const res = await fetch(p.url + '/webhook/event', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageEvent({ text: '/帮助' })) });
      expect(res.status).toBe(404);
      expect(await p.bot.db.inboxEvent.count()).toBe(0);
      expect((await fetch(p.url + '/healthz')).status).toBe(200);
    } finally {
      await p.destroy();
    }
  });
});
