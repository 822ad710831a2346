import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { messageEvent } from '../support/lark-payloads.js';
import { startTestBot, TEST_DB_KIND, waitFor } from '../support/test-bot.js';

/**
 * What SQLite holds of the bot's memory: better-sqlite3 gives every connection a 16 MB page
 * cache, which load fills and the process keeps; the checkpoint thread is a V8 isolate and a
 * connection of its own (about 8 MB), kept for a minute after the last write.
 */
describe.runIf(TEST_DB_KIND === 'sqlite')('SQLite memory of the bot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-memory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('each connection of the store caches at most 4 MB of pages', async () => {
    const { db } = await openDatabase(`file:${join(dir, 'cache.db')}`);
    try {
      expect(db.sqlite!.pragma('cache_size', { simple: true })).toBe(-4096);
      const [row] = await db.$queryRawUnsafe<Array<{ cache_size: number | bigint }>>('PRAGMA cache_size');
      expect(Number(row!.cache_size)).toBe(-4096);
    } finally {
      await closeDatabase(db);
    }
  });

  it('after a burst of events, once the bot is quiet, the checkpoint thread ends (well before its minute of idling)', async () => {
    const t = await startTestBot({ botOptions: { releaseAfterQuietMs: 300, releaseAfterWork: 10 } });
    try {
      for (let i = 0; i < 12; i++) await t.post(messageEvent({ text: '/帮助', chatId: `oc_memory${i}` }));
      await waitFor(() => t.fake.messages.length >= 12, 10_000, 'the replies');
      await waitFor(() => t.bot.db.walCheckpointer!.running, 5_000, 'the checkpoint thread to start');
      await waitFor(() => !t.bot.db.walCheckpointer!.running, 5_000, 'the thread to end after the burst');
      // The next write starts it again.
      await t.post(messageEvent({ text: '/帮助', chatId: 'oc_memory_after' }));
      await waitFor(() => t.bot.db.walCheckpointer!.running, 5_000, 'the thread after the next write');
    } finally {
      await t.destroy();
    }
  }, 30_000);
});
