import { readdirSync, readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TEST_DB_KIND, startTestBot, waitFor } from '../support/test-bot.js';
import { openEachTestDatabase } from '../support/open-database.js';
import { reportForm, say, submitReport } from '../cases/case-support.js';

/** Descriptors this process holds open on `file` itself (not its -wal or -shm). */
function openDescriptors(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

const open = openEachTestDatabase();
const inboxRow = (eventId: string) => ({ eventId, type: 'im.message.receive_v1', payload: '{}', lane: 'oc_one_connection', now: new Date() });

/**
 * One SQLite connection per process, on the event loop, shared by Prisma and the queues'
 * statements (src/store/sqlite/sqlite-connection.ts): no second connection, no thread.
 */
describe.runIf(TEST_DB_KIND === 'sqlite')('the one SQLite connection', () => {
  it('carries every read and write of a report, a command and their replies: the process holds the file open once', async () => {
    const t = await startTestBot();
    try {
      const file = t.databaseUrl.replace(/^file:/, '');
      const before = t.bot.db.connection!.statements();
      await say(t, '/帮助');
      expect((await submitReport(t, { form: reportForm() })).status).toBe(200);
      await waitFor(() => t.fake.messages.length >= 1, 5_000, 'the reply');
      await waitFor(async () => (await t.bot.db.enterpriseCase.count()) === 1, 5_000, 'the case');
      expect(t.bot.db.connection!.statements()).toBeGreaterThan(before);
      expect(openDescriptors(file)).toBe(1);
    } finally {
      await t.destroy();
    }
  });

  it('a queue write made while a Prisma transaction is open waits for it, and is not rolled back with it', async () => {
    const db = await open('sqlite');
    let queued: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: 'rolled_back', value: 'x' } });
        // An event acknowledged meanwhile (another request on the event loop).
        queued = db.queues.inbox.insert(inboxRow('ev_during_transaction'));
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await queued).toMatchObject({ eventId: 'ev_during_transaction' });
    expect(await db.setting.count({ where: { key: 'rolled_back' } })).toBe(0);
    expect(await db.inboxEvent.count({ where: { eventId: 'ev_during_transaction' } })).toBe(1);
  });

  /** Holds the connection's turn for `ms`, as a handler's statements do under load. */
  const spin = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('hands the connection on through the event loop: statements waiting for it never starve the HTTP server', async () => {
    const db = await open('sqlite');
    // 60 statements of 2 ms each queued at once (16 lanes' handlers under load): 120 ms of work.
    let done = 0;
    const queued = Array.from({ length: 60 }, () => db.connection!.run(() => (spin(2), done++)));
    // What the server does next (reading a request): it runs long before the queue is through.
    const doneWhenTheLoopTurned = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    await Promise.all(queued);
    expect(doneWhenTheLoopTurned).toBeLessThan(5);
  });

  it("an acknowledgement's inbox write goes ahead of the statements already waiting for the connection", async () => {
    const db = await open('sqlite');
    const finished: string[] = [];
    const background = Array.from({ length: 40 }, (_, i) => db.connection!.run(() => (spin(1), finished.push(`work ${i}`))));
    const queries = Array.from({ length: 10 }, (_, i) => db.setting.findMany().then(() => finished.push(`query ${i}`)));
    await db.queues.inbox.insert(inboxRow('ev_acknowledged')).then(() => finished.push('ack'));
    await Promise.all([...background, ...queries]);
    // At most the statement holding the connection when it came (and the one handed the turn) ran first.
    expect(finished.indexOf('ack')).toBeLessThan(3);
    expect(finished).toHaveLength(51);
  });

  it('waits out another process that holds the write lock without holding up the event loop', async () => {
    const db = await open('sqlite');
    const file = (await db.connection!.run((raw) => raw.name)) as string;
    const other = new Database(file);
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      const insert = db.queues.inbox.insert(inboxRow('ev_after_the_other_process'));
      const transaction = db.$transaction(async (tx) => tx.setting.create({ data: { key: 'after_the_other', value: 'y' } }));
      // The event loop keeps turning while both wait: timers fire on time.
      const started = Date.now();
      let ticks = 0;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (++ticks === 10) {
            clearInterval(timer);
            resolve();
          }
        }, 20);
      });
      expect(Date.now() - started).toBeLessThan(600);
      other.prepare('COMMIT').run();
      expect(await insert).toMatchObject({ eventId: 'ev_after_the_other_process' });
      expect(await transaction).toMatchObject({ key: 'after_the_other' });
    } finally {
      other.close();
    }
  });
});
