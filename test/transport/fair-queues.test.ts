import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

/**
 * A chat that floods the bot holds up only itself. The inbox finds each chat's oldest due row
 * (not the hundred oldest rows of whatever chat), and the outbox each conversation's first
 * unsent row, so a direct chat's command is answered while a group's backlog is still long.
 */
let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const GROUP = 'oc_flooding_group_000000000000001';
const DIRECT = 'oc_direct_chat_00000000000000001';
const FLOOD = 400;

describe('fair queues', () => {
  it('answers a direct chat’s /帮助 while a group’s backlog of hundreds of commands is still far from done', async () => {
    t = await startTestBot({ noWorkers: true });
    const { db } = t.bot;
    // The group's flood, acknowledged and stored before the workers start.
    for (let i = 0; i < FLOOD; i++) {
      const e = messageEvent({ text: '/帮助', chatType: 'group', chatId: GROUP, eventId: `ev_flood_${i}`, messageId: `om_flood_${i}` });
      await db.queues.inbox.insert({ eventId: e.header.event_id, type: e.header.event_type, payload: JSON.stringify(e), lane: GROUP, now: new Date() });
    }
    t.bot.start();
    await waitFor(() => t!.fake.messages.length >= 5, 10_000, 'the group’s first answers');
    expect((await t.post(messageEvent({ text: '/帮助', chatType: 'p2p', chatId: DIRECT, eventId: 'ev_direct', messageId: 'om_direct' }))).status).toBe(200);
    await waitFor(() => t!.fake.messages.some((m) => m.replyTo === 'om_direct' || m.receiveId === DIRECT), 10_000, 'the direct chat’s answer');
    // At that moment most of the group's commands are still waiting: neither queue made the
    // direct chat wait for them (before, the inbox reached it once fewer than 100 were left).
    const groupLeft = await db.inboxEvent.count({ where: { lane: GROUP, status: { in: ['pending', 'processing'] } } });
    const groupAnswered = t.fake.messages.filter((m) => m.replyTo?.startsWith('om_flood_') || m.receiveId === GROUP).length;
    expect(groupLeft).toBeGreaterThan(FLOOD / 2);
    expect(groupAnswered).toBeLessThan(FLOOD / 2);
    // The group's answers so far went out in the order of its commands.
    const order = t.fake.messages.filter((m) => m.replyTo?.startsWith('om_flood_')).map((m) => Number(m.replyTo!.slice('om_flood_'.length)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }, 30_000);
});
