import { afterEach } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './pg-database.js';

/**
 * For a suite whose tests each open a database of their own (a new SQLite file or PostgreSQL
 * database, migrated): returns the opener, and closes and drops what it opened after each test.
 */
export function openEachTestDatabase(): (kind: DatabaseKind) => Promise<Db> {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    if (db) await closeDatabase(db);
    await database?.drop();
    db = database = undefined;
  });
  return async (kind) => {
    database = await createTestDatabase(kind);
    ({ db } = await openDatabase(database.url));
    return db;
  };
}
