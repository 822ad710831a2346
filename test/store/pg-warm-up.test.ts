import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { POOL_SIZE } from '../../src/store/pg/open-postgres.js';
import { createPgDatabase, TEST_DATABASE_URL } from '../support/pg-database.js';

/**
 * The first card callback after a start has Lark's 3 s budget like any other: what the first
 * request would pay (opening the pool's connections, Prisma's first query and transaction) is
 * paid when the database is opened.
 */
describe.runIf(TEST_DATABASE_URL)('opening PostgreSQL', () => {
  it('opens every pool connection before the first request', async () => {
    const target = await createPgDatabase();
    const { db } = await openDatabase(target.url);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const name = new URL(target.url).pathname.slice(1);
      const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      expect(rows[0]!.n).toBeGreaterThanOrEqual(POOL_SIZE);
    } finally {
      await admin.end();
      await closeDatabase(db);
      await target.drop();
    }
  });
});
