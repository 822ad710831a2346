import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../src/store/wal-checkpointer.js';
import { waitFor } from '../support/test-bot.js';

let dir: string | undefined;
let db: Db | undefined;
let raw: Database.Database | undefined;
let checkpointer: WalCheckpointer | undefined;
afterEach(async () => {
  await checkpointer?.close();
  if (db) await closeDatabase(db);
  raw?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = db = raw = checkpointer = undefined;
});

const PAGE = 4096;

/** The event loop's side of the checkpointer on a plain connection. */
const onRaw = (r: Database.Database) => ({
  catchUp: () => (r.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>)[0]!,
  onGiveUp: () => r.pragma('wal_autocheckpoint = 1000'),
});
const walPages = (path: string) => statSync(`${path}-wal`).size / PAGE;

/** A database of one table on a plain connection (`raw`) that never checkpoints itself. */
function plainDatabase(name: string): string {
  dir = mkdtempSync(join(tmpdir(), 'fazhi-wal-'));
  const path = join(dir, name);
  raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('wal_autocheckpoint = 0');
  raw.exec('CREATE TABLE notes (body TEXT)');
  return path;
}

/** Stores `n` events of about 20 KB in the inbox, each in its own commit, one right after the other (the writer thread's). */
function storeEvents(d: Db, n: number, from = 0): Promise<unknown> {
  const writes = [];
  for (let i = from; i < from + n; i++) writes.push(d.queues.inbox.insert({ eventId: `ev_${i}`, type: 'im.message.receive_v1', payload: 'x'.repeat(20_000), lane: `chat_${i}`, now: new Date() }));
  return Promise.all(writes);
}

// SQLite only: the PostgreSQL pass of test/store has nothing to show here.
describe.skipIf(process.env.TEST_DB_KIND === 'postgres')('WAL checkpoints off the event loop (SQLite)', () => {
  it('the bot’s commits never copy the log back: 3,000 pages stay in it until the checkpoint thread copies them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-wal-'));
    const path = join(dir, 'bot.db');
    ({ db } = await openDatabase(path));
    await storeEvents(db, 600);
    // SQLite's own checkpoint (in the commit past 1,000 pages) would have started the log over.
    expect(walPages(path)).toBeGreaterThan(2_000);

    const r = await db.walCheckpointer!.runNow();
    expect(r.log).toBeGreaterThan(2_000);
    expect(r.checkpointed).toBe(r.log);
    // Everything was copied, so the next commit starts the log over.
    await storeEvents(db, 1, 600);
    expect((await db.walCheckpointer!.runNow()).log).toBeLessThan(50);
    expect(await db.inboxEvent.count()).toBe(601);
  }, 30_000);

  it('the thread starts once something is written, checkpoints on its own, and ends when nothing is written for a while', async () => {
    const path = plainDatabase('plain.db');
    checkpointer = startWalCheckpointer(path, { everyMs: 20, idleStopMs: 300, ...onRaw(raw!) });
    await new Promise((r) => setTimeout(r, 100));
    expect(checkpointer.running).toBe(false);

    const insert = raw!.prepare('INSERT INTO notes (body) VALUES (?)');
    for (let i = 0; i < 100; i++) insert.run('y'.repeat(20_000));
    await waitFor(() => checkpointer!.running, 5_000, 'the checkpoint thread');
    await waitFor(() => !checkpointer!.running, 5_000, 'the idle thread to end');
    // The thread had copied the whole log: the next commit starts it over.
    insert.run('z');
    const [probe] = raw!.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    expect(probe!.log).toBeLessThan(10);
  }, 30_000);

  it('a thread that cannot open the database is reported and, after three tries, not started again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-wal-'));
    const path = join(dir, 'broken.db');
    mkdirSync(path);
    writeFileSync(`${path}-wal`, '');
    const errors: Error[] = [];
    let givenUp = 0;
    checkpointer = startWalCheckpointer(path, { everyMs: 20, onError: (e) => errors.push(e), catchUp: () => ({ busy: 0, log: 0, checkpointed: 0 }), onGiveUp: () => givenUp++ });
    // Every look finds the log changed (as if written to).
    const touch = setInterval(() => utimesSync(`${path}-wal`, new Date(), new Date(Date.now() + Math.random() * 1e6)), 10);
    try {
      await waitFor(() => errors.length >= 3, 10_000, 'three failures');
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).toHaveLength(3);
      expect(givenUp).toBe(1);
      expect(checkpointer.running).toBe(false);
    } finally {
      clearInterval(touch);
    }
  }, 30_000);

  it('under steady writing the log still starts over once it is long, with a short catch-up on the event loop', async () => {
    const path = plainDatabase('steady.db');
    checkpointer = startWalCheckpointer(path, { everyMs: 20, restartPages: 300, ...onRaw(raw!) });
    const insert = raw!.prepare('INSERT INTO notes (body) VALUES (?)');
    // About 6,000 pages, a commit every millisecond or so: one lands during nearly every checkpoint.
    for (let i = 0; i < 3_000; i++) {
      insert.run('w'.repeat(6_000));
      if (i % 3 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    expect(checkpointer.stats().catchUps).toBeGreaterThan(0);
    // About 6,000 pages were written: a log that never started over would hold them all. Where
    // it ends between restarts depends on how the thread was scheduled (2,022 on a loaded machine).
    expect(walPages(path)).toBeLessThan(3_000);
  }, 60_000);
});
