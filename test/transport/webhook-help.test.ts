import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('/帮助 through the real webhook', () => {
  it('answers in a direct chat with the help card', async () => {
    t = await startTestBot();
    const res = await t.post(messageEvent({ text: '/帮助' }));
    expect(res.status).toBe(200);
    const msg = await waitFor(() => t.fake.messages[0], 5000, 'a reply');
    expect(msg.msgType).toBe('interactive');
    expect(JSON.stringify(msg.content)).toContain('/帮助');
    expect(msg.replyTo).toMatch(/^om_/);
  });
});
