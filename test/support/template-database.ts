import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/store/migrate.js';
import { migratePostgres, PG_MIGRATIONS_DIR } from '../../src/store/pg/migrate-pg.js';
import { admin, createSqliteDatabase, TEST_DATABASE_URL, withDatabaseName, type DatabaseKind, type TestDatabase } from './pg-database.js';

/**
 * A new database with every migration applied, copied from a template migrated once per
 * migration set (a file in the temporary folder; a database on the PostgreSQL test server).
 * Migrating each test bot's database cost about 0.15 s on SQLite and 0.4–1 s on PostgreSQL,
 * hundreds of times a run. The bot still runs its migrator on start: it finds nothing to do.
 * Tests of the migrator itself use the empty databases of pg-database.ts.
 */
export async function createMigratedDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'postgres' ? migratedPg() : migratedSqlite();
}

/** Names the migration set, so a new or changed migration gets a new template. */
const MIGRATION_SET = createHash('sha256')
  .update(JSON.stringify([readMigrations(MIGRATIONS_DIR), readMigrations(PG_MIGRATIONS_DIR)].map((ms) => ms.map((m) => [m.name, m.checksum]))))
  .digest('hex')
  .slice(0, 12);

function migratedSqlite(): TestDatabase {
  const template = join(tmpdir(), `fazhi-template-${MIGRATION_SET}.db`);
  if (!existsSync(template)) {
    // Built aside and renamed: a worker racing this one sees no file or a whole one.
    const building = `${template}.${process.pid}.${randomBytes(3).toString('hex')}`;
    try {
      migrate(building);
      renameSync(building, template);
    } finally {
      rmSync(building, { force: true });
    }
  }
  const d = createSqliteDatabase();
  copyFileSync(template, d.url.slice('file:'.length));
  return d;
}

let pgTemplate: Promise<string> | undefined;

async function migratedPg(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const template = await (pgTemplate ??= pgTemplateDatabase());
  const name = `fazhi_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    kind: 'postgres',
    url: withDatabaseName(TEST_DATABASE_URL, name),
    // FORCE: a replica killed in a test may leave its connections for a moment.
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** The template on the test server, built by the first worker that needs it (the others wait on a lock). */
async function pgTemplateDatabase(): Promise<string> {
  const template = `fazhi_template_${MIGRATION_SET}`;
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rowCount) return;
    const building = `${template}_${process.pid}`;
    await c.query(`DROP DATABASE IF EXISTS "${building}"`);
    await c.query(`CREATE DATABASE "${building}"`);
    await migratePostgres(withDatabaseName(TEST_DATABASE_URL!, building));
    await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  });
  return template;
}
