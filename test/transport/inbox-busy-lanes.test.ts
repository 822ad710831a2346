import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { Db } from '../../src/store/database.js';
import { Dispatcher, type EventHandlers } from '../../src/transport/lark-dispatcher.js';
import { waitFor } from '../support/test-bot.js';
import { messageEvent } from '../support/lark-payloads.js';
import { openEachTestDatabase } from '../support/open-database.js';

/**
 * Every event stored wakes the dispatcher to look for due rows. While every lane is busy no
 * row can start, and under a backlog each of those look-ups read a hundred rows for nothing
 * (5 % of the bot's CPU in bench:steady): the lane that finishes first wakes it instead.
 */
const open = openEachTestDatabase();

/**
 * A dispatcher on `db` whose handler records the events it handled (after `handle`, which may
 * hold or fail them), with the number of look-ups for due rows and a way to deliver messages.
 */
function dispatcherOn(db: Db, o: { maxLanes?: number; pollMs: number; handle?: EventHandlers['handleEvent'] }) {
  let looks = 0;
  const findDueLanes = db.queues.inbox.findDueLanes.bind(db.queues.inbox);
  db.queues.inbox.findDueLanes = (now, take) => (looks++, findDueLanes(now, take));
  const handled: string[] = [];
  const dispatcher = new Dispatcher({
    db,
    log: pino({ level: 'silent' }),
    clock: systemClock,
    ...(o.maxLanes ? { maxLanes: o.maxLanes } : {}),
    pollMs: o.pollMs,
    handlers: {
      handleEvent: async (row) => {
        await o.handle?.(row);
        handled.push(row.eventId);
      },
      handleCardAction: async () => ({}),
    },
  });
  const receive = (chatId: string, eventId: string) => {
    const e = messageEvent({ text: '/帮助', chatType: 'group', chatId, eventId });
    return dispatcher.receive({ kind: 'event', eventId: e.header.event_id, eventType: e.header.event_type, payload: e });
  };
  return { dispatcher, handled, receive, looks: () => looks };
}

/** A gate handlers wait at until it is released. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  return { wait: () => opened, release: () => release() };
}

describe('the inbox while every lane is busy', () => {
  it('does not look for due rows until a lane is free, then handles every event', async () => {
    const db = await open('sqlite');
    const held = gate();
    const { dispatcher, handled, receive, looks } = dispatcherOn(db, { maxLanes: 2, pollMs: 60_000, handle: held.wait });
    dispatcher.start();
    try {
      await receive('oc_busy_lane_1', 'ev_busy_1');
      await receive('oc_busy_lane_2', 'ev_busy_2');
      // Both lanes taken (each waits at the gate).
      await waitFor(async () => (await db.inboxEvent.count({ where: { status: 'processing' } })) === 2, 5_000, 'two lanes busy');
      const before = looks();
      for (let i = 3; i <= 12; i++) await receive(`oc_busy_lane_${i}`, `ev_busy_${i}`);
      await new Promise((r) => setTimeout(r, 200));
      expect(looks() - before).toBe(0);
      held.release();
      await waitFor(() => handled.length === 12, 10_000, 'every event handled');
      expect(new Set(handled).size).toBe(12);
    } finally {
      held.release();
      await dispatcher.stop();
    }
  });

  it('does not look for due rows when an event comes for a chat whose lane runs: that lane takes it when it finishes', async () => {
    const db = await open('sqlite');
    const held = gate();
    const { dispatcher, handled, receive, looks } = dispatcherOn(db, { pollMs: 60_000, handle: held.wait });
    dispatcher.start();
    try {
      // One busy group: every message of it goes to one lane, one after another.
      await receive('oc_one_busy_chat', 'ev_one_1');
      await waitFor(async () => (await db.inboxEvent.count({ where: { status: 'processing' } })) === 1, 5_000, 'the lane busy');
      const before = looks();
      for (let i = 2; i <= 11; i++) await receive('oc_one_busy_chat', `ev_one_${i}`);
      await new Promise((r) => setTimeout(r, 200));
      expect(looks() - before).toBe(0);
      held.release();
      await waitFor(() => handled.length === 11, 10_000, 'every event handled');
      expect(handled).toEqual(Array.from({ length: 11 }, (_, i) => `ev_one_${i + 1}`));
    } finally {
      held.release();
      await dispatcher.stop();
    }
  });

  it('keeps a chat’s order when a handler meets another process in its way: the event is tried again in its place', async () => {
    const db = await open('sqlite');
    let busyOnce = true;
    const { dispatcher, handled } = dispatcherOn(db, {
      pollMs: 200,
      handle: async (row) => {
        // Another writer committed between this handler's read and its write (SQLITE_BUSY_SNAPSHOT).
        if (row.eventId === 'ev_order_2' && busyOnce) {
          busyOnce = false;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
        }
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

  it('stops within the event in hand: a lane takes no new row once stopping, and the rest stay pending for the next start', async () => {
    const db = await open('sqlite');
    const { dispatcher, handled } = dispatcherOn(db, { pollMs: 60_000, handle: () => new Promise((r) => setTimeout(r, 100)) });
    for (let i = 1; i <= 20; i++) {
      const e = messageEvent({ text: '/帮助', chatType: 'group', chatId: 'oc_stopping_chat', eventId: `ev_stop_${i}` });
      await db.queues.inbox.insert({ eventId: e.header.event_id, type: e.header.event_type, payload: JSON.stringify(e), lane: 'oc_stopping_chat', now: new Date() });
    }
    dispatcher.start();
    await waitFor(() => handled.length >= 1, 5_000, 'the first event');
    await dispatcher.stop();
    expect(handled.length).toBeLessThanOrEqual(2);
    expect(await db.inboxEvent.count({ where: { status: 'processing' } })).toBe(0);
    expect(await db.inboxEvent.count({ where: { status: 'pending' } })).toBe(20 - handled.length);
  });
});
