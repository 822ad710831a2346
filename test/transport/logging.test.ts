import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { scrub } from '../../src/transport/sdk-logger.js';
import { ENCRYPT_KEY, messageEvent } from '../support/lark-payloads.js';
import { startTestBot, waitFor } from '../support/test-bot.js';

describe('logs', () => {
  it('carry event ids but never the app secret, encrypt key or tokens, also when the token call fails', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const t = await startTestBot({ log: pino({ level: 'trace' }, sink) });
    try {
      t.fake.fail('/open-apis/auth/v3/tenant_access_token/internal', { status: 500 }, 1);
      const e = messageEvent({ text: '/帮助' });
      await t.post(e);
      await waitFor(() => t.fake.messages.length === 1, 5000);
      expect(out).toContain(e.header.event_id);
      for (const secret of ['test-app-secret-never-logged', ENCRYPT_KEY, 't-fake-token-0123456789']) expect(out).not.toContain(secret);
    } finally {
      await t.destroy();
    }
  });

  it('scrubs secrets from SDK error text', () => {
    expect(scrub('{"app_id":"cli","app_secret":"abc123"} Bearer t-xyz "tenant_access_token":"t-1"')).toBe('{"app_id":"cli","app_secret":"[redacted]"} Bearer [redacted] "tenant_access_token":"[redacted]"');
  });

  it('redacts token and encrypt fields in structured log lines', () => {
    let line = '';
    const log = createLogger('info', new Writable({ write: (c, _e, cb) => ((line += c.toString()), cb()) }));
    log.info({ header: { token: 'secret-token' }, body: { encrypt: 'cipher-text' }, appSecret: 'app-secret' }, 'x');
    expect(line).toContain('[redacted]');
    for (const s of ['secret-token', 'cipher-text', 'app-secret']) expect(line).not.toContain(s);
  });
});
