import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { migratePostgres } from '../../src/store/pg/migrate-pg.js';
import { pgDialect } from '../../src/store/sql/pg-dialect.js';
import type { SqliteConnection } from '../../src/store/sqlite/sqlite-connection.js';
import { sqliteDialect } from '../../src/store/sql/sqlite-dialect.js';
import { knownPeople } from '../../src/store/known-people.js';
import { openEachTestDatabase } from '../support/open-database.js';
import { createPgDatabase, TEST_DATABASE_URL } from '../support/pg-database.js';
import { TEST_DB_KIND } from '../support/test-bot.js';

const open = openEachTestDatabase();

describe('the people the 指派 picker offers', () => {
  it('are the open_ids the bot knows, by name then id, at most as many as asked, and no other kind of id', async () => {
    const db = await open(TEST_DB_KIND);
    const people = [
      { openId: 'ou_c', name: '王科员' },
      { openId: 'ou_a', name: '李科长' },
      { openId: 'ou_b', name: '李科长' },
      { openId: 'on_union_id_not_a_person', name: '甲' },
      // An underscore is a LIKE wildcard: 'ouX…' must not pass for 'ou_…'.
      { openId: 'ouXnot_an_open_id', name: '乙' },
      { openId: 'ou_d', name: '赵主任' },
    ];
    await db.user.createMany({ data: people.map((p) => ({ ...p, source: 'chat_member' })) });
    const all = [...people].filter((p) => p.openId.startsWith('ou_')).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.openId < y.openId ? -1 : 1));
    expect(await knownPeople(db, 100)).toEqual(all.map((p) => p.openId));
    expect(await knownPeople(db, 2)).toEqual(all.slice(0, 2).map((p) => p.openId));

    // A person renamed is placed by the new name at once.
    await db.user.update({ where: { openId: 'ou_d' }, data: { name: '丁主任' } });
    expect((await knownPeople(db, 100))[0]).toBe('ou_d');
  });
});

/**
 * Every case card asks for the picker's people. The users table holds everyone the bot has met
 * in a chat: the look-up must walk the names in order and stop after the people asked for, not
 * read and sort the whole table. Each query runs as the dialect writes it, prefixed with EXPLAIN,
 * on 3,000 people.
 */
const PEOPLE = 3000;

describe('SQLite: the picker\'s people are read in name order from an index', () => {
  it('walks users_name_open_id_idx and sorts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-people-'));
    try {
      const path = join(dir, 'people.db');
      migrate(path);
      const raw = new Database(path);
      raw.exec(`WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < ${PEOPLE})
        INSERT INTO users (open_id, name, source, updated_at) SELECT 'ou_' || x, '人员' || (x * 7919 % ${PEOPLE}), 'chat_member', '2026-11-30' FROM g`);
      raw.exec('ANALYZE');
      const plans: string[][] = [];
      const explaining = {
        prepare: (sql: string) => {
          const s = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`);
          const statement = { all: (...a: unknown[]) => (plans.push((s.all(...a) as Array<{ detail: string }>).map((r) => r.detail)), []), safeIntegers: () => statement };
          return statement;
        },
      } as unknown as Database.Database;
      await sqliteDialect({ run: async (work) => work(explaining) } as SqliteConnection).knownPeople(100);
      const plan = plans[0]!.join('\n');
      expect(plan).toMatch(/^SCAN users USING (COVERING )?INDEX users_name_open_id_idx/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(TEST_DATABASE_URL)('PostgreSQL: the picker\'s people are read in name order from an index', () => {
  it('reads about as many rows as asked for, without a sort', async () => {
    const target = await createPgDatabase();
    await migratePostgres(target.url);
    const pool = new pg.Pool({ connectionString: target.url, max: 1 });
    try {
      await pool.query(`INSERT INTO users (open_id, name, source, updated_at)
        SELECT 'ou_' || x, '人员' || (x * 7919 % ${PEOPLE}), 'chat_member', now() FROM generate_series(1, ${PEOPLE}) x`);
      await pool.query('VACUUM ANALYZE users');
      const plans: string[] = [];
      const explaining = {
        query: async (text: string, values: unknown[]) => {
          const r = await pool.query(`EXPLAIN (ANALYZE, FORMAT TEXT) ${text}`, values);
          plans.push(r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n'));
          return { rows: [], rowCount: 0 };
        },
      } as unknown as pg.Pool;
      await pgDialect(explaining).knownPeople(100);
      expect(plans[0]).toMatch(/Index (Only )?Scan using users_name_open_id_idx/);
      expect(plans[0]).not.toMatch(/Sort/);
    } finally {
      await pool.end();
      await target.drop();
    }
  });
});
