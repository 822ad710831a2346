import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { columnOf, parseSchema, SQLITE_TYPE as SQL_TYPE, type Model } from './schema-models.js';

/**
 * Applies the SQLite migrations to an empty file and compares every model, field,
 * nullability, unique constraint and index of prisma/schema with the tables they create
 * (pg-migrations-drift.test.ts does the same on PostgreSQL).
 */
const dir = mkdtempSync(join(tmpdir(), 'fazhi-drift-'));

/**
 * Partial indexes prisma/schema cannot declare, written by hand (migration
 * 20261129220000_queue_unfinished_indexes, 20261206000000_inbox_fair_lanes): the only indexes
 * allowed beside the declared ones.
 */
const PARTIAL_INDEXES: Record<string, string[]> = {
  inbox: ['inbox_unfinished_idx(id)', 'inbox_unfinished_lane_idx(lane,id)'],
  outbox: ['outbox_unsent_idx(id)', 'outbox_unsent_order_key_idx(order_key,id)'],
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations match schema.prisma', () => {
  const dbPath = join(dir, 'drift.db');
  const applied = migrate(dbPath);
  const db = new Database(dbPath, { readonly: true });
  const models = parseSchema();
  const indexes = (table: string) =>
    (db.prepare(`PRAGMA index_list("${table}")`).all() as Array<{ name: string; unique: number; origin: string; partial: number }>)
      // The primary key's own index is not declared with @unique/@@index.
      .filter((ix) => ix.origin !== 'pk')
      .map((ix) => ({
      name: ix.name,
      partial: ix.partial === 1,
      unique: ix.unique === 1,
      columns: (db.prepare(`PRAGMA index_info("${ix.name}")`).all() as Array<{ name: string }>).map((c) => c.name),
    }));

  it('applies every migration to an empty database and records each in _prisma_migrations', () => {
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    const recorded = db.prepare('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name').all() as Array<{ migration_name: string }>;
    expect(recorded.map((r) => r.migration_name)).toEqual(applied);
  });

  it('reads the same models as the generated client has', () => {
    expect(models.map((m) => m.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it('has exactly the tables of the models', () => {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('_prisma_migrations','sqlite_sequence')`).all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables.sort()).toEqual(models.map((m) => m.table).sort());
  });

  for (const model of models) {
    it(`${model.name}: every column with its type, nullability, uniques and indexes`, () => {
      const cols = db.prepare(`PRAGMA table_info("${model.table}")`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
      expect(cols.map((c) => c.name).sort()).toEqual(model.fields.map((f) => f.column).sort());
      for (const f of model.fields) {
        const col = cols.find((c) => c.name === f.column)!;
        expect(col.type, `${model.name}.${f.name} type`).toBe(SQL_TYPE[f.type]);
        expect(col.notnull === 1 || col.pk === 1, `${model.name}.${f.name} nullability`).toBe(!f.optional);
        expect(col.pk === 1, `${model.name}.${f.name} primary key`).toBe(f.id);
      }
      const all = indexes(model.table);
      expect(all.filter((i) => i.partial).map((i) => `${i.name}(${i.columns.join()})`).sort(), `${model.name}: partial indexes`).toEqual(PARTIAL_INDEXES[model.table] ?? []);
      const ix = all.filter((i) => !i.partial);
      const has = (columns: string[], unique: boolean) => ix.some((i) => i.unique === unique && i.columns.join() === columns.join());
      for (const f of model.fields.filter((x) => x.unique)) expect(has([f.column], true), `${model.name}.${f.name} @unique`).toBe(true);
      for (const u of model.uniques) expect(has(u.map((c) => columnOf(model, c)), true), `${model.name} @@unique(${u})`).toBe(true);
      for (const i of model.indexes) expect(has(i.map((c) => columnOf(model, c)), false), `${model.name} @@index(${i})`).toBe(true);
      const declared = model.fields.filter((f) => f.unique).length + model.uniques.length + model.indexes.length;
      expect(ix.length, `${model.name}: no undeclared indexes`).toBe(declared);
    });
  }

  it('refuses to start when an applied migration was edited afterwards', () => {
    const edited = join(dir, 'edited');
    mkdirSync(join(edited, '20990101000000_x'), { recursive: true });
    writeFileSync(join(edited, '20990101000000_x', 'migration.sql'), 'CREATE TABLE t (a INTEGER);');
    const p = join(dir, 'edited.db');
    expect(migrate(p, edited)).toEqual(['20990101000000_x']);
    writeFileSync(join(edited, '20990101000000_x', 'migration.sql'), 'CREATE TABLE t (a INTEGER, b TEXT);');
    expect(() => migrate(p, edited)).toThrow(/校验和不符/);
  });
});
