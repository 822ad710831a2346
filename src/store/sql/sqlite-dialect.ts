import type { LedgerCase } from '../../domain/report/year-figures.js';
import { createCaseOnSqlite } from '../cases/create-case-sqlite.js';
import { stmt, type RawDb } from '../raw-sqlite.js';
import { LEDGER_SQL, type DialectSql } from './dialect-sql.js';

/** SQLite: one writer at a time, and the plain connection beside Prisma for large reads. */
export function sqliteDialect(raw: RawDb): DialectSql {
  return {
    kind: 'sqlite',
    // The write transaction already excludes other writers; the unique (year, seq) turns a race into a retry.
    lockCaseYear: async () => undefined,
    storeCase: (c) => createCaseOnSqlite(raw, c),
    // As Prisma's startsWith: LIKE with the underscore escaped.
    knownPeople: (limit) =>
      (stmt(raw, `SELECT open_id AS openId FROM users WHERE open_id LIKE 'ou\\_%' ESCAPE '\\' ORDER BY name, open_id LIMIT ?`).all(limit) as Array<{ openId: string }>).map((r) => r.openId),
    ledgerRows: async (year) => stmt(raw, LEDGER_SQL('?')).all(year) as LedgerCase[],
    close: async () => {
      if (raw.open) raw.close();
    },
  };
}
