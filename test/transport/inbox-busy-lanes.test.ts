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

  it('does not look for due rows when an event comes for a chat whose lane runs: that lane takes it when it finishes', async () => {
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
      pollMs: 60_000,
      handlers: {
        handleEvent: async (row) => {
          await gate;
          handled.push(row.eventId);
        },
        handleCardAction: async () => ({}),
      },
    });
    // One busy group: every message of it goes to one lane, one after another.
    const receive = (i: number) => {
      const e = messageEvent({ text: '/帮助', chatType: 'group', chatId: 'oc_one_busy_chat', eventId: `ev_one_${i}` });
      return dispatcher.receive({ kind: 'event', eventId: e.header.event_id, eventType: e.header.event_type, payload: e });
    };
    dispatcher.start();
    try {
      await receive(1);
      await waitFor(async () => (await db.inboxEvent.count({ where: { status: 'processing' } })) === 1, 5_000, 'the lane busy');
      const before = looks;
      for (let i = 2; i <= 11; i++) await receive(i);
      await new Promise((r) => setTimeout(r, 200));
      expect(looks - before).toBe(0);
      release();
      await waitFor(() => handled.length === 11, 10_000, 'every event handled');
      expect(handled).toEqual(Array.from({ length: 11 }, (_, i) => `ev_one_${i + 1}`));
    } finally {
      release();
      await dispatcher.stop();
    }
  });

  it('keeps a chat’s order when a handler meets a busy database: the event is tried again in its place', async () => {
    const db = await open('sqlite');
    const handled: string[] = [];
    let busyOnce = true;
    const dispatcher = new Dispatcher({
      db,
      log: pino({ level: 'silent' }),
      clock: systemClock,
      pollMs: 200,
      handlers: {
        handleEvent: async (row) => {
          // Another writer committed between this handler's read and its write (SQLITE_BUSY_SNAPSHOT).
          if (row.eventId === 'ev_order_2' && busyOnce) {
            busyOnce = false;
            throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
          }
          handled.push(row.eventId);
        },
        handleCardAction: async () => ({}),
      },
    });
    const events = Array.from({ length: 5 }, (_, i) => messageEvent({ text: '/帮助', chatType: 'group', chatId: 'oc_ordered_chat', eventId: `ev_order_${i + 1}` }));
    // Stored before the dispatcher starts: one lane takes all five.
    for (const e of events) await db.queues.inbox.insert({ eventId: e.header.event_id, type: e.header.event_type, payload: JSON.stringify(e), lane: 'oc_ordered_chat', now: new Date() });
    dispatcher.start();
    try {
      await waitFor(() => handled.length === 5, 10_000, 'every event handled');
      expect(handled).toEqual(['ev_order_1', 'ev_order_2', 'ev_order_3', 'ev_order_4', 'ev_order_5']);
    } finally {
      await dispatcher.stop();
    }
  });
});
