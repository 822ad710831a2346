import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { migratePostgres } from '../../src/store/pg/migrate-pg.js';
import { pgQueues } from '../../src/store/sql/pg-queues.js';
import { sqliteQueues } from '../../src/store/sql/sqlite-queues.js';
import type { SqliteConnection } from '../../src/store/sqlite/sqlite-connection.js';
import { createPgDatabase, TEST_DATABASE_URL } from '../support/pg-database.js';

/**
 * The queues keep every handled row: finding the due ones must read the backlog only, not the
 * thousands handled before it (on PostgreSQL a burst left statistics saying most rows were
 * pending, and each look-up walked the primary key through every sent row). Each query runs
 * as the queue code writes it, prefixed with EXPLAIN, on tables of 3,000 handled rows.
 */
const HANDLED = 3000;
const now = new Date('2026-11-29T12:00:00Z');

describe('SQLite: finding due inbox and outbox rows reads the backlog only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-plans-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'plans.db');
  migrate(path);
  const db = new Database(path);
  db.exec(`WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < ${HANDLED})
    INSERT INTO outbox (uuid, kind, target, payload, status, order_key, next_attempt_at, created_at)
    SELECT 'u' || x, 'send', 'c', '{}', CASE WHEN x > ${HANDLED} - 10 THEN 'pending' ELSE 'sent' END, 'chat' || (x % 7), '1970-01-01', '2026-11-29' FROM g`);
  db.exec(`WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < ${HANDLED})
    INSERT INTO inbox (event_id, type, payload, lane, status, received_at, updated_at)
    SELECT 'e' || x, 'im.message.receive_v1', '{}', 'chat' || (x % 7), CASE WHEN x > ${HANDLED} - 10 THEN 'pending' ELSE 'done' END, '2026-11-29', '2026-11-29' FROM g`);
  db.exec('ANALYZE');
  // The queue code's own statements, answered with their plans.
  const plans: string[][] = [];
  const explaining = {
    prepare: (sql: string) => {
      const s = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const explain = (a: unknown[]) => plans.push((s.all(...a) as Array<{ detail: string }>).map((r) => r.detail));
      const statement = { all: (...a: unknown[]) => (explain(a), []), get: (...a: unknown[]) => (explain(a), undefined), safeIntegers: () => statement };
      return statement;
    },
  } as unknown as Database.Database;
  const queues = sqliteQueues({ run: async (work) => work(explaining) } as SqliteConnection);

  // Partial indexes hold only the rows still to handle or send (migrations 20261129220000 and
  // 20261206000000): each look-up steps from lane to lane (conversation to conversation) through
  // them, as many steps as lanes with work; only the heads found are sorted, and no table or
  // index is read from end to end.
  it.each([
    ['inbox', () => queues.inbox.findDueLanes(now, 16), 'inbox', 'inbox_unfinished_lane_idx'],
    ['outbox', () => queues.outbox.claimDue(now, 8, now), 'outbox', 'outbox_unsent_order_key_idx'],
  ] as const)('%s: steps through the lanes with work, reads no backlog', async (_, find, table, index) => {
    plans.length = 0;
    await find();
    const plan = plans[0]!;
    const reads = plan.filter((x) => /^(SCAN|SEARCH) /.test(x) && !/^SCAN (keys|lanes|heads|CONSTANT ROW)$/.test(x));
    expect(reads.length, plan.join('\n')).toBeGreaterThan(0);
    // The first lane: the index's first entry (LIMIT 1); every other read is a search.
    const alias = `(${table}|b|e)`;
    for (const d of reads) expect(d, plan.join('\n')).toMatch(new RegExp(`^(SEARCH ${alias} USING (INDEX ${index}|INTEGER PRIMARY KEY)|SCAN ${alias} USING INDEX ${index}$)`));
    // At most the heads found are sorted.
    expect(plan.filter((x) => /TEMP B-TREE/.test(x) && x !== 'USE TEMP B-TREE FOR ORDER BY'), plan.join('\n')).toEqual([]);
  });

  it('inbox: a lane’s own rows are read in order through the lane index, nothing sorted', async () => {
    plans.length = 0;
    await queues.inbox.findDueInLane('chat3', now, 20);
    expect(plans[0]).toEqual(['SEARCH inbox USING INDEX inbox_unfinished_lane_idx (lane=?)']);
  });
});

interface PlanNode { 'Relation Name'?: string; 'Actual Rows'?: number; 'Actual Loops'?: number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] }

/** Rows the plan read from the queue tables: returned by a scan node or removed by its filter. */
function rowsRead(n: PlanNode): number {
  const own = n['Relation Name'] ? ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1) : 0;
  return own + (n.Plans ?? []).reduce((s, c) => s + rowsRead(c), 0);
}

describe.runIf(TEST_DATABASE_URL)('PostgreSQL: finding due inbox and outbox rows reads the backlog only', () => {
  it('after a burst (statistics taken while most rows were pending) and after ANALYZE', async () => {
    const target = await createPgDatabase();
    await migratePostgres(target.url);
    const pool = new pg.Pool({ connectionString: target.url, max: 2 });
    try {
      // The statistics a burst leaves: taken while 3,000 rows were waiting, read once they are handled.
      for (const t of ['inbox', 'outbox']) await pool.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
      await pool.query(`INSERT INTO outbox (uuid, kind, target, payload, status, order_key, next_attempt_at)
        SELECT 'u' || x, 'send', 'c', '{}', 'pending', 'chat' || (x % 7), '1970-01-01' FROM generate_series(1, ${HANDLED}) x`);
      await pool.query(`INSERT INTO inbox (event_id, type, payload, lane, status, updated_at)
        SELECT 'e' || x, 'im.message.receive_v1', '{}', 'chat' || (x % 7), 'pending', now() FROM generate_series(1, ${HANDLED}) x`);
      await pool.query('ANALYZE inbox; ANALYZE outbox');
      await pool.query(`UPDATE outbox SET status = 'sent' WHERE id <= ${HANDLED - 10}`);
      await pool.query(`UPDATE inbox SET status = 'done' WHERE id <= ${HANDLED - 10}`);

      const plans: PlanNode[] = [];
      const explaining = {
        query: async (cfg: pg.QueryConfig) => {
          const r = await pool.query({ ...cfg, text: `EXPLAIN (ANALYZE, FORMAT JSON) ${cfg.text}` });
          plans.push((r.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0]!.Plan);
          return { rows: [], rowCount: 0 };
        },
      } as unknown as pg.Pool;
      const queues = pgQueues(explaining);
      for (const stats of ['stale', 'fresh']) {
        if (stats === 'fresh') for (const t of ['inbox', 'outbox']) await pool.query(`VACUUM ANALYZE ${t}`);
        plans.length = 0;
        await queues.inbox.findDueLanes(now, 16);
        await queues.outbox.claimDue(now, 8, now);
        const [inbox, outbox] = plans.map(rowsRead);
        // 10 rows wait in each, in 7 lanes: stepping through the lanes and their first rows is the whole job.
        expect(inbox, `inbox rows read, ${stats} statistics: ${JSON.stringify(plans[0])}`).toBeLessThanOrEqual(60);
        expect(outbox, `outbox rows read, ${stats} statistics: ${JSON.stringify(plans[1])}`).toBeLessThanOrEqual(100);
      }
    } finally {
      await pool.end();
      await target.drop();
    }
  });
});
