import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, readMigrations } from '../../src/store/migrate.js';
import { migratePostgres, PG_MIGRATIONS_DIR } from '../../src/store/pg/migrate-pg.js';
import { createPgDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/pg-database.js';
import { declaredIndexes, parseSchema, PG_TYPE } from './schema-models.js';

/**
 * The PostgreSQL migrations (written by hand, like the SQLite ones) against prisma/schema:
 * every table, column type, nullability, primary key, unique and index, read from
 * information_schema and pg_index after applying them to an empty database.
 */
it('has a PostgreSQL twin for every SQLite migration, under the same name', () => {
  expect(readMigrations(PG_MIGRATIONS_DIR).map((m) => m.name)).toEqual(readMigrations(MIGRATIONS_DIR).map((m) => m.name));
});

/**
 * Partial indexes prisma/schema cannot declare, written by hand in prisma/pg-migrations (see
 * 20261129190000_queue_unsent_indexes, 20261206000000_inbox_fair_lanes): the only indexes allowed beside the declared ones.
 */
const UNSENT = `(status = ANY (ARRAY['pending'::text, 'sending'::text]))`;
const UNFINISHED = `(status = ANY (ARRAY['pending'::text, 'processing'::text]))`;
const PARTIAL_INDEXES: Record<string, string[]> = {
  inbox: [`index(id) WHERE ${UNFINISHED}`, `index(lane,id) WHERE ${UNFINISHED}`],
  outbox: [`index(id) WHERE ${UNSENT}`, `index(order_key,id) WHERE ${UNSENT}`],
};

describe.runIf(TEST_DATABASE_URL)('PostgreSQL migrations match prisma/schema', () => {
  let target: TestDatabase;
  let c: pg.Client;
  let applied: string[];
  const models = parseSchema();

  beforeAll(async () => {
    target = await createPgDatabase();
    applied = await migratePostgres(target.url);
    c = new pg.Client({ connectionString: target.url });
    await c.connect();
  });
  afterAll(async () => {
    await c?.end();
    await target?.drop();
  });

  it('applies every migration once and records it; a second start applies nothing', async () => {
    expect(applied).toEqual(readMigrations(PG_MIGRATIONS_DIR).map((m) => m.name));
    expect(await migratePostgres(target.url)).toEqual([]);
    const { rows } = await c.query('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
  });

  it('has exactly the tables of the models', async () => {
    const { rows } = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.table).sort());
  });

  for (const model of models) {
    it(`${model.name}: every column with its type, nullability, keys and indexes`, async () => {
      const cols = (
        await c.query<{ column_name: string; data_type: string; is_nullable: string; datetime_precision: number | null }>(
          `SELECT column_name, data_type, is_nullable, datetime_precision FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          [model.table],
        )
      ).rows;
      expect(cols.map((x) => x.column_name).sort()).toEqual(model.fields.map((f) => f.column).sort());
      for (const f of model.fields) {
        const col = cols.find((x) => x.column_name === f.column)!;
        expect(col.data_type, `${model.name}.${f.name} type`).toBe(PG_TYPE[f.type]);
        // Prisma reads and writes DateTime as timestamp(3) on PostgreSQL.
        if (f.type === 'DateTime') expect(col.datetime_precision, `${model.name}.${f.name} precision`).toBe(3);
        expect(col.is_nullable === 'NO', `${model.name}.${f.name} nullability`).toBe(!f.optional);
      }
      const ix = (
        await c.query<{ unique: boolean; primary: boolean; columns: string[]; predicate: string | null }>(
          `SELECT ix.indisunique AS unique, ix.indisprimary AS primary, pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
                  array(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
           FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid
           WHERE t.relname = $1 AND t.relnamespace = 'public'::regnamespace`,
          [model.table],
        )
      ).rows;
      expect(ix.filter((i) => i.primary).map((i) => i.columns), `${model.name} primary key`).toEqual([model.fields.filter((f) => f.id).map((f) => f.column)]);
      const actual = ix.filter((i) => !i.primary).map((i) => `${i.unique ? 'unique' : 'index'}(${i.columns.join()})${i.predicate ? ` WHERE ${i.predicate}` : ''}`).sort();
      const declared = [...declaredIndexes(model).map((i) => `${i.unique ? 'unique' : 'index'}(${i.columns.join()})`), ...(PARTIAL_INDEXES[model.table] ?? [])].sort();
      expect(actual, `${model.name}: indexes`).toEqual(declared);
    });
  }

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-pg-drift-'));
    const other = await createPgDatabase();
    try {
      mkdirSync(join(dir, '20990101000000_x'));
      writeFileSync(join(dir, '20990101000000_x', 'migration.sql'), 'CREATE TABLE t (a INTEGER);');
      expect(await migratePostgres(other.url, dir)).toEqual(['20990101000000_x']);
      writeFileSync(join(dir, '20990101000000_x', 'migration.sql'), 'CREATE TABLE t (a INTEGER, b TEXT);');
      await expect(migratePostgres(other.url, dir)).rejects.toThrow(/校验和不符/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await other.drop();
    }
  });

  it('migrates once when several replicas start together (advisory lock)', async () => {
    const fresh = await createPgDatabase();
    try {
      const runs = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(fresh.url)));
      expect(runs.flat().sort()).toEqual(applied.slice().sort());
      const f = new pg.Client({ connectionString: fresh.url });
      await f.connect();
      const { rows } = await f.query('SELECT count(*)::int AS n FROM _prisma_migrations');
      await f.end();
      expect(rows[0].n).toBe(applied.length);
    } finally {
      await fresh.drop();
    }
  });
});
