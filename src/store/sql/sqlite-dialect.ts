import { createCaseOnSqlite } from '../cases/create-case-sqlite.js';
import { stmt, type RawDb } from '../raw-sqlite.js';
import { KNOWN_PEOPLE_SQL, LEDGER_PAGE_SQL, type DialectSql, type LedgerPageRow } from './dialect-sql.js';

/** SQLite: one writer at a time, and the plain connection beside Prisma for large reads. */
export function sqliteDialect(raw: RawDb): DialectSql {
  return {
    kind: 'sqlite',
    // The write transaction already excludes other writers; the unique (year, seq) turns a race into a retry.
    lockCaseYear: async () => undefined,
    storeCase: (c) => createCaseOnSqlite(raw, c),
    knownPeople: (limit) => (stmt(raw, KNOWN_PEOPLE_SQL('?', ` ESCAPE '\\'`)).all(limit) as Array<{ openId: string }>).map((r) => r.openId),
    ledgerPage: async (year, afterSeq, limit) => stmt(raw, LEDGER_PAGE_SQL(['?', '?', '?'])).all(year, afterSeq, limit) as LedgerPageRow[],
    close: async () => {
      if (raw.open) raw.close();
    },
  };
}
