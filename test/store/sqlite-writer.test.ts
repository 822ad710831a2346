import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createCase } from '../../src/store/cases/create-case.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { startSqliteWriter } from '../../src/store/sqlite-writer/writer-thread.js';
import { messageEvent } from '../support/lark-payloads.js';
import { createSqliteDatabase, type TestDatabase } from '../support/pg-database.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { reportForm, submitReport } from '../cases/case-support.js';

/**
 * SQLite's writes on the writer thread (store/sqlite-writer): the inbox and outbox rows and new
 * cases are written by the thread's connection, not the event loop's, with the same answers
 * and errors as before; a thread that cannot start hands the writes back to the event loop.
 */
let t: TestBot | undefined;
let database: TestDatabase | undefined;
let db: Db | undefined;
afterEach(async () => {
  await t?.destroy();
  if (db) await closeDatabase(db);
  await database?.drop();
  t = database = db = undefined;
});

/** Rows the event loop's own plain connection has written since it opened. */
const writtenOnTheEventLoop = (d: Db) => (d.sqlite!.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('the writer thread', () => {
  it('writes a submission’s inbox row, case and stored answer, and a message’s reply, off the event loop', async () => {
    t = await startTestBot();
    const submitted = await submitReport(t, { form: reportForm({ enterprise: '好得科技有限公司' }) });
    expect(submitted.body.toast.type).toBe('success');
    await t.post(messageEvent({ text: '/帮助' }));
    await waitFor(() => t!.fake.messages.length === 1, 5_000, 'the reply to /帮助');
    const d = t.bot.db;
    await waitFor(async () => (await d.outboxMessage.count({ where: { status: 'sent' } })) === 1, 5_000, 'the reply marked sent');
    await waitFor(async () => (await d.inboxEvent.count({ where: { status: 'done' } })) === 2, 5_000, 'both events done');
    expect(await d.enterpriseCase.count()).toBe(1);
    expect((await d.inboxEvent.findFirstOrThrow({ where: { type: 'card.action.trigger' } })).response).toContain('已登记');
    // Inbox row, case, case history, enterprise, answer; the event's row, claim and completion;
    // the reply's row, claim and sent mark: all by the thread.
    expect(d.sqliteWriter!.stats().requests).toBeGreaterThanOrEqual(8);
    expect(writtenOnTheEventLoop(d)).toBe(0);
  });

  it('gives back the errors the event loop would have met: a year whose codes are used up', async () => {
    database = createSqliteDatabase();
    ({ db } = await openDatabase(database.url));
    const first = await createCase(db, { enterprise: '好得科技有限公司', category: 'other', content: '企业诉求', receivedDate: '2026-11-02', reporterId: 'ou_reporter' });
    await db.enterpriseCase.update({ where: { id: first.case.id }, data: { seq: 9999, code: 'QY2026-9999' } });
    const refused = createCase(db, { enterprise: '好得科技有限公司', category: 'other', content: '又一件诉求', receivedDate: '2026-11-03', reporterId: 'ou_reporter' });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('编号已用尽') });
    expect(await db.enterpriseCase.count()).toBe(1);
  });

  it('ends when memory is handed back and starts again with the next write', async () => {
    database = createSqliteDatabase();
    ({ db } = await openDatabase(database.url));
    const now = new Date();
    expect(db.sqliteWriter!.running).toBe(false);
    await db.queues.inbox.insert({ eventId: 'e1', type: 'x', payload: '{}', lane: 'l', now });
    expect(db.sqliteWriter!.running).toBe(true);
    await db.releaseMemory!();
    expect(db.sqliteWriter!.running).toBe(false);
    const row = await db.queues.inbox.insert({ eventId: 'e2', type: 'x', payload: '{}', lane: 'l', now });
    expect(row).toMatchObject({ eventId: 'e2', status: 'pending' });
    expect(await db.inboxEvent.count()).toBe(2);
    // The checkpoint thread's catch-up runs there too: everything written is copied back.
    const caughtUp = await db.sqliteWriter!.run('walCatchUp');
    expect(caughtUp.busy).toBe(0);
    expect(caughtUp.checkpointed).toBe(caughtUp.log);
  });

  it('hands the writes to the event loop’s connection when it cannot start, and none is lost', async () => {
    database = createSqliteDatabase();
    ({ db } = await openDatabase(database.url));
    const raw = new Database(database.url.slice('file:'.length));
    const givenUp: Error[] = [];
    const writer = startSqliteWriter(database.url.slice('file:'.length), {
      busyTimeoutMs: 1_000,
      eventLoopConnection: raw,
      onGiveUp: (e) => givenUp.push(e),
      threadFile: new URL('data:text/javascript,throw new Error("cannot start")'),
    });
    try {
      const now = new Date();
      const rows = await Promise.all(['a', 'b', 'c'].map((id) => writer.run('inbox.insert', { eventId: id, type: 'x', payload: '{}', lane: 'l', now })));
      expect(rows.map((r) => r?.eventId)).toEqual(['a', 'b', 'c']);
      expect(writer.onEventLoop).toBe(true);
      expect(givenUp).toHaveLength(1);
      expect(givenUp[0]!.message).toContain('cannot start');
      expect(await db.inboxEvent.count()).toBe(3);
    } finally {
      await writer.close();
      raw.close();
    }
  });

  it('is ended when it does not close in time, and what it did not answer fails instead of waiting for ever', async () => {
    database = createSqliteDatabase();
    ({ db } = await openDatabase(database.url));
    const raw = new Database(database.url.slice('file:'.length));
    // A thread that starts and then answers nothing (as one stuck in SQLite would).
    const writer = startSqliteWriter(database.url.slice('file:'.length), {
      busyTimeoutMs: 1_000,
      eventLoopConnection: raw,
      stopWaitMs: 300,
      threadFile: new URL("data:text/javascript,import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ ready: true }); parentPort.on('message', () => {});"),
    });
    try {
      const unanswered = writer.run('inbox.insert', { eventId: 'a', type: 'x', payload: '{}', lane: 'l', now: new Date() });
      const closing = writer.close();
      await expect(unanswered).rejects.toThrow('ended before it answered');
      await closing;
      expect(writer.running).toBe(false);
    } finally {
      raw.close();
    }
  });

  it('answers what it was asked before it is closed', async () => {
    database = createSqliteDatabase();
    ({ db } = await openDatabase(database.url));
    const now = new Date();
    const writes = Array.from({ length: 50 }, (_, i) => db!.queues.inbox.insert({ eventId: `e${i}`, type: 'x', payload: '{}', lane: 'l', now }));
    const d = db;
    db = undefined;
    await closeDatabase(d);
    expect((await Promise.all(writes)).every((r) => r !== undefined)).toBe(true);
    const check = new Database(database.url.slice('file:'.length), { readonly: true });
    expect((check.prepare('SELECT count(*) AS n FROM inbox').get() as { n: number }).n).toBe(50);
    check.close();
  });
});
