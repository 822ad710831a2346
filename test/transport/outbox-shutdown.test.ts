import { afterEach, describe, expect, it } from 'vitest';
import { timeOwnWork } from '../support/answer-time.js';
import { messageEvent } from '../support/lark-payloads.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

const bots: TestBot[] = [];
let fake: FakeOpenApi | undefined;
afterEach(async () => {
  for (const b of bots.splice(0).reverse()) await b.destroy();
  await fake?.stop();
  fake = undefined;
});

// The production lease: a restart must not have to wait for it when the old run stopped cleanly.
const PRODUCTION_LEASE = { baseDelayMs: 10, maxDelayMs: 50, leaseMs: 60_000 };

describe('a send still in flight when the bot stops', () => {
  it('does not hold the stop, is handed back, and goes out once, at once, after the restart', async () => {
    fake = new FakeOpenApi();
    await fake.start();
    const first = await startTestBot({ fake, botOptions: { outboxPolicy: PRODUCTION_LEASE, outboxDrainMs: 500 } });
    bots.push(first);
    fake.fail('/open-apis/im/v1/messages', { hang: true }, 1);
    await first.post(messageEvent({ text: '/帮助' }));
    await waitFor(() => fake!.sendRequests.length === 1, 5000, 'the hanging send');
    const { ms } = await timeOwnWork(() => first.close());
    // Not the SDK's 15 s request timeout, which is also when the server process gives up and exits.
    expect(ms).toBeLessThan(3000);
    const again = await startTestBot({ fake, databaseUrl: first.databaseUrl, botOptions: { outboxPolicy: PRODUCTION_LEASE } });
    bots.push(again);
    // Well inside the 60 s lease the first run took.
    await waitFor(() => fake!.messages.length === 1, 5000, 'the reply after the restart');
    await waitFor(async () => (await again.bot.db.outboxMessage.findFirstOrThrow()).status === 'sent', 5000, 'the row marked sent');
    // The hung request answers late (Lark may have taken it): the same uuid, so still one message.
    fake.dropConnections();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messages).toHaveLength(1);
    expect(fake.sendRequests.length).toBe(2);
    expect(new Set(fake.sendRequests.map((r) => r.body.uuid)).size).toBe(1);
  });

  it('a send that answers within the drain is waited for and recorded as sent', async () => {
    const t = await startTestBot({ botOptions: { outboxPolicy: PRODUCTION_LEASE, outboxDrainMs: 5000 } });
    bots.push(t);
    t.fake.fail('/open-apis/im/v1/messages', { delayMs: 400 }, 1);
    await t.post(messageEvent({ text: '/帮助' }));
    await waitFor(() => t.fake.sendRequests.length === 1, 5000, 'the slow send');
    await t.close();
    expect(t.fake.messages).toHaveLength(1);
    const again = await startTestBot({ fake: t.fake, databaseUrl: t.databaseUrl, noWorkers: true });
    bots.push(again);
    const row = await again.bot.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', messageId: t.fake.messages[0]!.messageId, attempts: 1 });
  });
});
