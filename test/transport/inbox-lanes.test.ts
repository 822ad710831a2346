import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { messageEvent } from '../support/lark-payloads.js';
import { startTestBot, TEST_DB_KIND, waitFor, type TestBot } from '../support/test-bot.js';

/**
 * Each event is stored with its lane (its chat): the look-up finds each lane's oldest due row
 * without reading any payload, and a payload is read once, with the claim of its row.
 */
let t: TestBot | undefined;
afterEach(async () => t?.destroy());

const CHAT = 'oc_lanes000000000000000000000001';
const askHelp = (eventId: string, chatId = CHAT) => messageEvent({ text: '/帮助', chatType: 'p2p', chatId, eventId });

describe('inbox lanes', () => {
  it('stores the chat with the event, finds each lane’s oldest due row without payloads, and hands the payload over with the claim', async () => {
    t = await startTestBot({ noWorkers: true });
    const { queues } = t.bot.db;
    for (const id of ['ev_lane_1', 'ev_lane_2']) expect((await t.post(askHelp(id))).status).toBe(200);
    expect((await t.post(askHelp('ev_other_1', 'oc_lanes_other'))).status).toBe(200);
    const heads = await queues.inbox.findDueLanes(new Date(), 16);
    expect(heads.map((r) => [r.eventId, r.lane])).toEqual([
      ['ev_lane_1', CHAT],
      ['ev_other_1', 'oc_lanes_other'],
    ]);
    expect(heads[0]).not.toHaveProperty('payload');
    const payload = await queues.inbox.claim(heads[0]!.id, new Date(), 60_000);
    expect(JSON.parse(payload!).header.event_id).toBe('ev_lane_1');
    // Taken: a second claim gets nothing, and the chat's next row waits while it is in hand.
    expect(await queues.inbox.claim(heads[0]!.id, new Date(), 60_000)).toBeUndefined();
    const [next] = await queues.inbox.findDueInLane(CHAT, new Date(), 20);
    expect(next!.eventId).toBe('ev_lane_2');
    expect(await queues.inbox.claim(next!.id, new Date(), 60_000)).toBeUndefined();
    expect((await queues.inbox.findDueLanes(new Date(), 16)).map((r) => r.eventId)).toEqual(['ev_other_1']);
  });

  it.runIf(TEST_DB_KIND === 'sqlite')('handles, in order, events an older version stored without a lane (the migration gives them one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-old-lanes-'));
    try {
      // A database as the version before fair lanes left it, with two events still pending.
      const older = join(dir, 'migrations');
      for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < '20261206000000')) cpSync(join(MIGRATIONS_DIR, name), join(older, name), { recursive: true });
      const file = join(dir, 'old.db');
      migrate(file, older);
      const raw = new Database(file);
      for (const id of ['ev_old_1', 'ev_old_2'])
        raw.prepare(`INSERT INTO inbox (event_id, type, payload, status, received_at, updated_at) VALUES (?, 'im.message.receive_v1', ?, 'pending', '2026-12-01', '2026-12-01')`).run(id, JSON.stringify(askHelp(id)));
      raw.close();
      t = await startTestBot({ databaseUrl: `file:${file}` });
      await waitFor(() => t!.fake.messages.length >= 2, 5_000, 'both answers');
      expect(await t.bot.db.inboxEvent.count({ where: { status: 'done' } })).toBe(2);
    } finally {
      await t?.destroy();
      t = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
