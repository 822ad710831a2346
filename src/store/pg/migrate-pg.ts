import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { readMigrations } from '../migrate.js';

export const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../prisma/pg-migrations');

/** Any fixed number: every replica asks for the same advisory lock before migrating. */
const MIGRATION_LOCK = 7_150_001;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The PostgreSQL side of migrate.ts: applies every migration of prisma/pg-migrations not yet
 * recorded in `_prisma_migrations`, each in its own transaction. It holds a session advisory
 * lock throughout, so replicas started together wait for the first one and then find
 * nothing left to do. A recorded migration whose file changed afterwards stops the start.
 */
export async function migratePostgres(url: string, dir: string = PG_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Quiet the NOTICE that CREATE TABLE IF NOT EXISTS gives on every later start.
    await client.query(`SET client_min_messages = warning`);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum] as const));
    const done: string[] = [];
    for (const m of readMigrations(dir)) {
      const recorded = applied.get(m.name);
      if (recorded !== undefined) {
        if (recorded !== m.checksum) throw new Error(`迁移 ${m.name} 在应用之后被修改过（校验和不符）；请新建一个迁移，不要改旧的`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      done.push(m.name);
    }
    return done;
  } finally {
    // Closing the session releases the advisory lock too; unlock first for a pooled server.
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end();
  }
}
