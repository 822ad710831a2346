import { stmt } from '../raw-sqlite.js';
import type { SqliteConnection } from '../sqlite/sqlite-connection.js';
import { KNOWN_PEOPLE_SQL, LEDGER_PAGE_SQL, type DialectSql, type LedgerPageRow } from './dialect-sql.js';

/** SQLite: one writer at a time; the statements run on the process's one connection, in its turn. */
export function sqliteDialect(connection: SqliteConnection): DialectSql {
  return {
    kind: 'sqlite',
    // Transactions begin IMMEDIATE (sqlite-connection.ts): other writers wait already.
    lockCaseYear: async () => undefined,
    knownPeople: (limit) => connection.run((raw) => (stmt(raw, KNOWN_PEOPLE_SQL('?', ` ESCAPE '\\'`)).all(limit) as Array<{ openId: string }>).map((r) => r.openId)),
    ledgerPage: (year, afterSeq, limit) => connection.run((raw) => stmt(raw, LEDGER_PAGE_SQL(['?', '?', '?'])).all(year, afterSeq, limit) as LedgerPageRow[]),
    // The connection is Prisma's: $disconnect closes it.
    close: async () => undefined,
  };
}
