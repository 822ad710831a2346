import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const fast = { baseDelayMs: 10, maxDelayMs: 50, leaseMs: 2_000 };

describe('outbox policy', () => {
  it('still delivers a reply made 7 hours ago, through a long outage', async () => {
    t = await startTestBot({ botOptions: { outboxPolicy: fast } });
    t.fake.fail('/open-apis/im/v1/messages', { status: 503 }, 1e9);
    await t.post(messageEvent({ text: '/帮助', from: STAFF }));
    // A failed attempt recorded (claimed, refused, pending again), not one still in flight at the restart.
    await waitFor(async () => { const row = await t!.bot.db.outboxMessage.findFirst(); return (row?.attempts ?? 0) >= 1 && row?.status === 'pending'; }, 5000, 'a failed attempt');
    await t.close();
    const later = { now: () => new Date(Date.now() + 7 * 3600_000) };
    const again = await startTestBot({ fake: t.fake, databaseUrl: t.databaseUrl, clock: later, botOptions: { outboxPolicy: fast } });
    try {
      await new Promise((r) => setTimeout(r, 300));
      t.fake.clearFaults();
      await waitFor(() => t!.fake.messages.length === 1, 15_000, 'the reply');
      await waitFor(async () => (await again.bot.db.outboxMessage.findFirstOrThrow()).status === 'sent', 5000, 'the row marked sent');
    } finally {
      await again.close();
    }
  });

  it('has at most 8 sends in flight when a backlog is released', async () => {
    t = await startTestBot({ botOptions: { outboxPolicy: fast } });
    t.fake.fail('/open-apis/im/v1/messages', { hang: true }, 1e9);
    for (let i = 0; i < 20; i++) await t.post(messageEvent({ text: '/帮助', from: STAFF, chatType: 'group', chatId: `oc_backlog${String(i).padStart(22, '0')}` }));
    await waitFor(() => t!.fake.sendRequests.length >= 8, 5000, 'sends under way');
    await new Promise((r) => setTimeout(r, 500));
    expect(t.fake.sendRequests.length).toBe(8);
    t.fake.clearFaults();
    t.fake.dropConnections();
    await waitFor(() => t!.fake.messages.length === 20, 30_000, 'every reply');
  }, 40_000);
});
