import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { Dispatcher } from '../../src/transport/lark-dispatcher.js';
import { waitFor } from '../support/test-bot.js';
import { messageEvent } from '../support/lark-payloads.js';
import { openEachTestDatabase } from '../support/open-database.js';

/**
 * Every event stored wakes the dispatcher to look for due rows. While every lane is busy no
 * row can start, and under a backlog each of those look-ups read a hundred rows for nothing
 * (5 % of the bot's CPU in bench:steady): the lane that finishes first wakes it instead.
 */
const open = openEachTestDatabase();

describe('the inbox while every lane is busy', () => {
  it('does not look for due rows until a lane is free, then handles every event', async () => {
    const db = await open('sqlite');
    let looks = 0;
    const findDue = db.queues.inbox.findDue.bind(db.queues.inbox);
    db.queues.inbox.findDue = (now, take) => (looks++, findDue(now, take));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handled: string[] = [];
    const dispatcher = new Dispatcher({
      db,
      log: pino({ level: 'silent' }),
      clock: systemClock,
      maxLanes: 2,
      pollMs: 60_000,
      handlers: {
        handleEvent: async (row) => {
          await gate;
          handled.push(row.eventId);
        },
        handleCardAction: async () => ({}),
      },
    });
    const receive = (i: number) => {
      const e = messageEvent({ text: '/帮助', chatType: 'group', chatId: `oc_busy_lane_${i}`, eventId: `ev_busy_${i}` });
      return dispatcher.receive({ kind: 'event', eventId: e.header.event_id, eventType: e.header.event_type, payload: e });
    };
    dispatcher.start();
    try {
      await receive(1);
      await receive(2);
      // Both lanes taken (each waits at the gate).
      await waitFor(async () => (await db.inboxEvent.count({ where: { status: 'processing' } })) === 2, 5_000, 'two lanes busy');
      const before = looks;
      for (let i = 3; i <= 12; i++) await receive(i);
      await new Promise((r) => setTimeout(r, 200));
      expect(looks - before).toBe(0);
      release();
      await waitFor(() => handled.length === 12, 10_000, 'every event handled');
      expect(new Set(handled).size).toBe(12);
    } finally {
      release();
      await dispatcher.stop();
    }
  });
});
