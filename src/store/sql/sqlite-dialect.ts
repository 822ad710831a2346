import type { LedgerCase } from '../../domain/report/year-figures.js';
import { createCaseOnSqlite } from '../cases/create-case-sqlite.js';
import { stmt, type RawDb } from '../raw-sqlite.js';
import { KNOWN_PEOPLE_SQL, LEDGER_SQL, type DialectSql } from './dialect-sql.js';

/** SQLite: one writer at a time, and the plain connection beside Prisma for large reads. */
export function sqliteDialect(raw: RawDb): DialectSql {
  return {
    kind: 'sqlite',
    // The write transaction already excludes other writers; the unique (year, seq) turns a race into a retry.
    lockCaseYear: async () => undefined,
    storeCase: (c) => createCaseOnSqlite(raw, c),
    knownPeople: (limit) => (stmt(raw, KNOWN_PEOPLE_SQL('?', ` ESCAPE '\\'`)).all(limit) as Array<{ openId: string }>).map((r) => r.openId),
    ledgerRows: async (year) => stmt(raw, LEDGER_SQL('?')).all(year) as LedgerCase[],
    close: async () => {
      if (raw.open) raw.close();
    },
  };
}
