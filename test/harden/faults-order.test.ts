import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const chat = (k: number) => `oc_order${String(k).padStart(24, '0')}`;
/** The replies' sequence numbers per chat, in the order Lark received them. */
function arrivals(x: TestBot): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of x.fake.messages) {
    const hit = m.msgType === 'text' ? /C(\d)-(\d{3})/.exec(String(m.content.text)) : null;
    if (hit) out.set(hit[1]!, [...(out.get(hit[1]!) ?? []), Number(hit[2])]);
  }
  return out;
}

describe('faults: the order of one chat’s replies', () => {
  it('replies of one chat arrive in the order their commands came, through an outage and its retries', async () => {
    t = await startTestBot({ botOptions: { outboxPolicy: { baseDelayMs: 20, maxDelayMs: 200, giveUpAfterMs: 60_000, leaseMs: 2_000 } } });
    t.fake.fail('/open-apis/im/v1/messages', { status: 503 }, 1e9);
    for (let i = 0; i < 24; i++) {
      const k = i % 3;
      await t.post(messageEvent({ text: `/记录 督查 C${k}-${String(Math.floor(i / 3)).padStart(3, '0')}`, from: STAFF, chatType: 'group', chatId: chat(k) }));
    }
    await waitFor(async () => (await t!.bot.db.outboxMessage.count()) === 24, 10_000, 'all replies stored');
    await new Promise((r) => setTimeout(r, 500)); // retries spread while Lark is down
    t.fake.clearFaults();
    // Some answers get lost after Lark accepted them: the retry must not overtake.
    t.fake.fail('/open-apis/im/v1/messages', { acceptThenReset: true }, 6);
    await waitFor(() => [...arrivals(t!).values()].flat().length === 24, 20_000, 'every reply');
    for (const seqs of arrivals(t).values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect([...arrivals(t).values()].map((s) => s.length)).toEqual([8, 8, 8]);
  }, 40_000);
});

describe('faults: an event that crashes the process', () => {
  it('is not claimed again after its attempts are used up: it fails for good and the sender is told', async () => {
    t = await startTestBot({ noWorkers: true });
    const crashing = messageEvent({ text: '/帮助', from: STAFF });
    await t.post(crashing);
    // As left by three runs that each died while handling it (lease ran out, attempts used).
    await t.bot.db.inboxEvent.updateMany({ where: { eventId: crashing.header.event_id }, data: { status: 'processing', attempts: 3, leaseUntil: new Date('2000-01-01T00:00:00Z') } });
    await t.close();
    const again = await startTestBot({ fake: t.fake, databaseUrl: t.databaseUrl });
    await waitFor(async () => (await again.bot.db.inboxEvent.findFirst())?.status === 'failed', 5000, 'the row failed for good');
    const texts = await waitFor(() => (again.fake.messages.length ? again.fake.messages.map((m) => JSON.stringify(m.content)) : undefined), 5000, 'the apology');
    expect(texts.join('\n')).toContain('处理失败');
    expect(texts.join('\n')).not.toContain('/诉求');
    await again.close(); // the first bot's destroy removes the shared fake and files
  });
});
