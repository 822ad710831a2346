import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The databases a store/transport/scheduling/report suite runs on: SQLite always, PostgreSQL
 * too when TEST_DATABASE_URL names a server (.ci/run starts a throw-away one). Each test gets
 * a database of its own: a new file, or a new PostgreSQL database created from that URL.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const DATABASE_KINDS: DatabaseKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  kind: DatabaseKind;
  /** A DATABASE_URL for the bot: file:… or postgresql://… */
  url: string;
  /** Removes the file or drops the database (after every client closed). */
  drop(): Promise<void>;
}

/** The same URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `fn` on a connection to the test server's maintenance database. */
export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new, empty PostgreSQL database on the test server. */
export async function createPgDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `fazhi_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    kind: 'postgres',
    url: withDatabaseName(TEST_DATABASE_URL, name),
    // FORCE: a replica killed in a test may leave its connections for a moment.
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A new, empty SQLite file in its own temporary folder. */
export function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-test-'));
  return { kind: 'sqlite', url: `file:${join(dir, 'bot.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'postgres' ? createPgDatabase() : Promise.resolve(createSqliteDatabase());
}
