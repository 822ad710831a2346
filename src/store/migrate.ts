import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each in its own
 * transaction, the way `prisma migrate deploy` would (its schema engine cannot be downloaded
 * here). A recorded migration whose file changed afterwards stops the start.
 * Returns the names applied now.
 */
export function migrate(target: Database.Database | string, dir: string = MIGRATIONS_DIR): string[] {
  if (typeof target === 'string') {
    // A file of its own (scripts, tests): opened for the migrations and closed again.
    const db = new Database(target, { timeout: 10_000 });
    try {
      db.pragma('journal_mode = WAL');
      return migrate(db, dir);
    } finally {
      db.close();
    }
  }
  const db = target;
  db.exec(CREATE_TABLE);
  const applied = new Map(
    db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
      .all()
      .map((r) => {
        const row = r as { migration_name: string; checksum: string };
        return [row.migration_name, row.checksum] as const;
      }),
  );
  const done: string[] = [];
  for (const m of readMigrations(dir)) {
    const recorded = applied.get(m.name);
    if (recorded !== undefined) {
      if (recorded !== m.checksum) {
        throw new Error(`迁移 ${m.name} 在应用之后被修改过（校验和不符）；请新建一个迁移，不要改旧的`);
      }
      continue;
    }
    db.transaction(() => {
      // Another replica may have applied it while we waited for the write lock.
      const again = db.prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`).get(m.name);
      if (again) return;
      db.exec(m.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, CURRENT_TIMESTAMP, ?, CURRENT_TIMESTAMP, 1)`,
      ).run(randomUUID(), m.checksum, m.name);
      done.push(m.name);
    }).immediate();
  }
  return done;
}
