import type pg from 'pg';
import type { LedgerCase } from '../../domain/report/year-figures.js';
import { KNOWN_PEOPLE_SQL, LEDGER_SQL, type DialectSql } from './dialect-sql.js';

/** Any fixed number, shared by every replica: the advisory-lock space of case codes. */
const CASE_CODE_LOCK = 7_150_003;

/** PostgreSQL: advisory locks where replicas must take turns; the pool Prisma also uses. */
export function pgDialect(pool: pg.Pool): DialectSql {
  return {
    kind: 'postgres',
    async lockCaseYear(tx, year) {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1, $2)', CASE_CODE_LOCK, year);
    },
    async knownPeople(limit) {
      return (await pool.query<{ openId: string }>(KNOWN_PEOPLE_SQL('$1', ''), [limit])).rows.map((r) => r.openId);
    },
    async ledgerRows(year) {
      return (await pool.query<LedgerCase>(LEDGER_SQL('$1'), [year])).rows;
    },
    close: () => pool.end(),
  };
}
