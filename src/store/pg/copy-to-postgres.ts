import Database from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '../../errors.js';
import { migrate } from '../migrate.js';
import { migratePostgres } from './migrate-pg.js';

export interface CopiedTable {
  table: string;
  rows: number;
}

interface Column {
  name: string;
  type: string;
}

const BATCH = 500;

/** A SQLite value as PostgreSQL wants it for a column of `type`. */
function convert(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === 1n || value === true || value === '1' || value === 'true';
  if (type.startsWith('timestamp')) {
    // Prisma writes ISO text (or epoch ms); SQLite's CURRENT_TIMESTAMP is 'YYYY-MM-DD HH:MM:SS' in UTC.
    const d = typeof value === 'number' || typeof value === 'bigint' ? new Date(Number(value)) : new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(String(value)) ? `${String(value).replace(' ', 'T')}Z` : String(value));
    if (Number.isNaN(d.getTime())) throw new AppError('invalid_input', `无法识别的时间值：${String(value)}`);
    // A timestamp without time zone keeps the UTC wall time, as Prisma reads it back.
    return d.toISOString().replace('Z', '');
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Tables of the public schema, parents before children (foreign keys). */
async function tablesInOrder(c: pg.Client): Promise<Map<string, Column[]>> {
  const cols = await c.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, Column[]>();
  for (const r of cols.rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
  const fks = await c.query<{ child: string; parent: string }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f'`,
  );
  const unquote = (s: string) => s.replace(/^"|"$/g, '');
  const ordered = new Map<string, Column[]>();
  const visit = (t: string) => {
    if (ordered.has(t)) return;
    for (const fk of fks.rows) if (unquote(fk.child) === t && unquote(fk.parent) !== t) visit(unquote(fk.parent));
    ordered.set(t, byTable.get(t)!);
  };
  for (const t of [...byTable.keys()].sort()) visit(t);
  return ordered;
}

/**
 * Copies every table of a SQLite database into an empty PostgreSQL one (moving up to several
 * replicas): migrates both to the current version, refuses a target that holds any row, copies
 * in one transaction, moves the id sequences past the copied ids, analyses the tables, and
 * checks the row counts.
 */
export async function copySqliteToPostgres(sqlitePath: string, pgUrl: string): Promise<CopiedTable[]> {
  migrate(sqlitePath); // as every start does: the source has the tables the target gets
  await migratePostgres(pgUrl);
  const source = new Database(sqlitePath, { readonly: true });
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    const tables = await tablesInOrder(c);
    for (const table of tables.keys()) {
      const { rows } = await c.query(`SELECT EXISTS (SELECT 1 FROM "${table}") AS used`);
      if (rows[0].used) throw new AppError('conflict', `目标数据库不是空的（表 ${table} 已有数据），未复制任何数据；请指定一个新建的空数据库`);
    }
    await c.query('BEGIN');
    try {
      for (const [table, columns] of tables) {
        const names = columns.map((col) => `"${col.name}"`).join(', ');
        const read = source.prepare(`SELECT ${names} FROM "${table}"`).raw(true);
        let batch: unknown[][] = [];
        const flush = async () => {
          if (!batch.length) return;
          const values = batch.map((_, i) => `(${columns.map((__, j) => `$${i * columns.length + j + 1}`).join(', ')})`).join(', ');
          await c.query(`INSERT INTO "${table}" (${names}) VALUES ${values}`, batch.flat());
          batch = [];
        };
        for (const row of read.iterate() as Iterable<unknown[]>) {
          batch.push(row.map((v, j) => convert(v, columns[j]!.type)));
          if (batch.length === BATCH) await flush();
        }
        await flush();
        // Serial ids: the next row inserted after the copy must not reuse a copied id.
        if (!columns.some((col) => col.name === 'id')) continue;
        const seq = (await c.query<{ seq: string | null }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [`"${table}"`])).rows[0]?.seq;
        if (seq) await c.query(`SELECT setval($1, COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`, [seq]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
    // Statistics now, not when autovacuum gets there: the bot's first queries on the copied
    // tables otherwise plan on PostgreSQL's guesses for a table it never counted.
    await c.query('ANALYZE');
    const copied: CopiedTable[] = [];
    for (const table of tables.keys()) {
      const from = Number((source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n);
      const to = Number((await c.query(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0].n);
      if (from !== to) throw new AppError('internal', `表 ${table} 行数不符：SQLite ${from} 行，PostgreSQL ${to} 行`);
      copied.push({ table, rows: to });
    }
    return copied;
  } finally {
    source.close();
    await c.end();
  }
}
