import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

/**
 * Each event is stored with its lane (its chat), so finding due rows reads no payload: under
 * a backlog the dispatcher looks for due rows after every event it finishes, and each look
 * read (and the process parsed) up to a hundred payloads again. A payload is read once, with
 * the claim of its row.
 */
let t: TestBot | undefined;
afterEach(async () => t?.destroy());

const CHAT = 'oc_lanes000000000000000000000001';
const askHelp = (eventId: string) => messageEvent({ text: '/帮助', chatType: 'p2p', chatId: CHAT, eventId });

describe('inbox lanes', () => {
  it('stores the chat with the event, finds due rows without their payloads, and hands the payload over with the claim', async () => {
    t = await startTestBot({ noWorkers: true });
    const { queues } = t.bot.db;
    expect((await t.post(askHelp('ev_lane_1'))).status).toBe(200);
    const [due] = await queues.inbox.findDue(new Date(), 100);
    expect(due).toMatchObject({ eventId: 'ev_lane_1', lane: CHAT, payload: null, status: 'pending' });
    const payload = await queues.inbox.claim(due!.id, new Date(), 60_000);
    expect(JSON.parse(payload!).header.event_id).toBe('ev_lane_1');
    // Taken: a second claim gets nothing.
    expect(await queues.inbox.claim(due!.id, new Date(), 60_000)).toBeUndefined();
  });

  it('still handles, in order, events stored before lanes were kept (found from the payload)', async () => {
    t = await startTestBot({ noWorkers: true });
    // Rows as an older version stored them: no lane.
    for (const id of ['ev_old_1', 'ev_old_2']) {
      const payload = JSON.stringify(askHelp(id));
      await t.bot.db.inboxEvent.create({ data: { eventId: id, type: 'im.message.receive_v1', payload } });
    }
    const due = await t.bot.db.queues.inbox.findDue(new Date(), 100);
    expect(due.map((r) => [r.lane, typeof r.payload])).toEqual([
      [null, 'string'],
      [null, 'string'],
    ]);
    t.bot.start();
    await waitFor(() => t!.fake.messages.length >= 2, 5_000, 'both answers');
    expect(await t.bot.db.inboxEvent.count({ where: { status: 'done' } })).toBe(2);
  });
});
