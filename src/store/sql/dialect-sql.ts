import type { LedgerCase } from '../../domain/report/year-figures.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/** What a transaction client can do that the dialect needs (Prisma's interactive transaction). */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * The few statements besides the inbox and outbox that differ per dialect (SQLite:
 * sqlite-dialect.ts, PostgreSQL: pg-dialect.ts), on the `sql` property of the Db object.
 */
export interface DialectSql {
  readonly kind: DatabaseKind;
  /**
   * Called first in the transaction that allocates a case code: other writers of the same year
   * wait until it ends, so codes stay gapless when replicas register at once. (SQLite has one
   * writer at a time already; PostgreSQL takes a transaction-level advisory lock.)
   */
  lockCaseYear(tx: RawExecutor, year: number): Promise<void>;
  /**
   * The open_ids of known people by name (see known-people.ts), in plain SQL: Prisma's
   * startsWith does not escape the underscore in 'ou_', and LIKE's escape is written differently
   * per dialect.
   */
  knownPeople(limit: number): Promise<string[]>;
  /**
   * One page of the counted cases of a year in code order, after `afterSeq` (keyset on the unique
   * (year, seq) index), for the appendix and the ledger: read without Prisma's row mapping, and a
   * page at a time so that a year of 100,000 cases is never held at once.
   */
  ledgerPage(year: number, afterSeq: number, limit: number): Promise<LedgerPageRow[]>;
  /** Closes what the dialect opened beside the Prisma client. */
  close(): Promise<void>;
}

/** `'ou\_%'`: LIKE's underscore escaped with a backslash (SQLite needs the ESCAPE clause, PostgreSQL has it by default). */
export const KNOWN_PEOPLE_SQL = (limit: string, escape: string) =>
  `SELECT open_id AS "openId" FROM users WHERE open_id LIKE 'ou\\_%'${escape} ORDER BY name, open_id LIMIT ${limit}`;

/** A ledger row with its place in the year, where the next page starts. */
export type LedgerPageRow = LedgerCase & { seq: number };

/** Parameters: year, the last seq of the previous page, the page size. */
export const LEDGER_PAGE_SQL = (p: [string, string, string]) => `
  SELECT c.seq AS seq, c.code AS code, e.name AS enterprise, c.category AS category, c.received_date AS "receivedDate",
         c.deadline AS deadline, c.status AS status, c.resolved_date AS "resolvedDate"
  FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE c.year = ${p[0]} AND c.seq > ${p[1]} AND c.status <> 'returned'
  ORDER BY c.seq
  LIMIT ${p[2]}`;
