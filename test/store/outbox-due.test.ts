import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { openEachTestDatabase } from '../support/open-database.js';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/pg-database.js';

/**
 * Finding the outbox rows to send: the first unsent row of each conversation (order key), due
 * now, oldest first. A conversation far behind (an outage, a chat that got thousands of
 * replies at once) must neither hide the others nor make every look-up read its whole backlog:
 * the look-up runs after every message sent and every reply stored.
 */
const now = new Date('2026-11-30T12:00:00Z');
const FUTURE = '2100-01-01T00:00:00.000+00:00';
const PAST = '1970-01-01T00:00:00.000+00:00';

const open = openEachTestDatabase();

/** `n` rows of one conversation from `from` on; the first is in flight (`sending`, leased) when `inFlight`. */
async function conversation(d: Db, kind: DatabaseKind, key: string, from: number, n: number, inFlight = false): Promise<void> {
  const status = (x: string) => (inFlight ? `CASE WHEN ${x} = ${from} THEN 'sending' ELSE 'pending' END` : `'pending'`);
  const lease = (x: string) => (inFlight ? `CASE WHEN ${x} = ${from} THEN '${FUTURE}' END` : 'NULL');
  if (kind === 'sqlite') {
    await d.$executeRawUnsafe(`WITH RECURSIVE g(x) AS (SELECT ${from} UNION ALL SELECT x + 1 FROM g WHERE x < ${from + n - 1})
      INSERT INTO outbox (id, uuid, kind, target, payload, status, lease_until, order_key, next_attempt_at, created_at)
      SELECT x, 'u' || x, 'send', '${key}', '{}', ${status('x')}, ${lease('x')}, '${key}', '${PAST}', '${PAST}' FROM g`);
  } else {
    await d.$executeRawUnsafe(`INSERT INTO outbox (id, uuid, kind, target, payload, status, lease_until, order_key, next_attempt_at, created_at)
      SELECT x, 'u' || x, 'send', '${key}', '{}', ${status('x')}, ${lease('x')}::timestamptz, '${key}', '${PAST}', '${PAST}' FROM generate_series(${from}, ${from + n - 1}) x`);
  }
}

const LEASE = new Date('2099-06-01T00:00:00Z');
/** The rows a look-up claims, handed back at once (due again), so the next look-up sees the same backlog. */
async function ids(d: Db, take = 8): Promise<number[]> {
  const rows = await d.queues.outbox.claimDue(now, take, LEASE);
  for (const r of rows) await d.queues.outbox.markFailed(r.id, { reason: 'handed back by the test', nextAttemptAt: new Date(0) });
  return rows.map((r) => r.id);
}

describe.each(DATABASE_KINDS)('%s: the outbox rows due now', (kind) => {
  it('are the first unsent row of each conversation, oldest first, as many as asked', async () => {
    const d = await open(kind);
    // 300 conversations of three rows each, interleaved: rows 1-300 are the heads.
    for (let c = 0; c < 300; c++) for (let r = 0; r < 3; r++) await conversation(d, kind, `chat${c}`, 1 + c + 300 * r, 1);
    expect(await ids(d)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // A conversation whose first row is in flight sends nothing else until it is done.
    await d.$executeRawUnsafe(`UPDATE outbox SET status = 'sending', lease_until = '${FUTURE}' WHERE id IN (1, 3)`);
    expect(await ids(d, 4)).toEqual([2, 4, 5, 6]);
  });

  it('a conversation thousands of rows behind hides none of the later ones', async () => {
    const d = await open(kind);
    await conversation(d, kind, 'busy', 1, 5000, true);
    await conversation(d, kind, 'a', 5001, 2);
    await conversation(d, kind, 'b', 5003, 1);
    expect(await ids(d)).toEqual([5001, 5003]);
  });

  it('costs about the same whether or not a conversation far behind is waiting', async () => {
    const d = await open(kind);
    await conversation(d, kind, 'a', 100_001, 1);
    await conversation(d, kind, 'b', 100_002, 1);
    const median = async () => {
      const t: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        await ids(d);
        t.push(performance.now() - t0);
      }
      return t.sort((x, y) => x - y)[7]!;
    };
    await median();
    const alone = await median();
    // The same two rows, behind a conversation of 20,000 rows whose first is in flight.
    await conversation(d, kind, 'busy', 1, 20_000, true);
    if (kind === 'postgres') await d.$executeRawUnsafe('ANALYZE outbox');
    await median();
    const behind = await median();
    expect(await ids(d)).toEqual([100_001, 100_002]);
    // Reading the backlog costs about 1,000 times more than finding the two rows; the bound leaves room for a busy machine.
    expect(behind, `median look-up ${behind.toFixed(2)} ms behind the backlog, ${alone.toFixed(2)} ms without it`).toBeLessThan(Math.max(10 * alone, 2));
  });
});

describe.each(DATABASE_KINDS)('%s: two processes claiming outbox rows at the same moment', (kind) => {
  it('take disjoint rows, every due head exactly once, each in one statement', async () => {
    const database = await createTestDatabase(kind);
    const a = (await openDatabase(database.url)).db;
    const b = (await openDatabase(database.url)).db;
    try {
      for (let c = 0; c < 40; c++) await conversation(a, kind, `chat${c}`, 1 + c * 2, 2);
      const heads = Array.from({ length: 40 }, (_, c) => 1 + c * 2);
      const claimed: number[] = [];
      for (let round = 0; round < 10 && claimed.length < heads.length; round++) {
        const [x, y] = await Promise.all([a.queues.outbox.claimDue(now, 8, LEASE), b.queues.outbox.claimDue(now, 8, LEASE)]);
        const xs = x.map((r) => r.id);
        const ys = y.map((r) => r.id);
        expect(xs.filter((id) => ys.includes(id))).toEqual([]);
        claimed.push(...xs, ...ys);
      }
      // Each conversation's first row, once; its second waits until the first is sent.
      expect(claimed.sort((p, q) => p - q)).toEqual(heads);
    } finally {
      await closeDatabase(a);
      await closeDatabase(b);
      await database.drop();
    }
  });
});
