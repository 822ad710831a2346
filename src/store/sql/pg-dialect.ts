import type pg from 'pg';
import { KNOWN_PEOPLE_SQL, LEDGER_PAGE_SQL, type DialectSql, type LedgerPageRow } from './dialect-sql.js';

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
    async ledgerPage(year, afterSeq, limit) {
      return (await pool.query<LedgerPageRow>(LEDGER_PAGE_SQL(['$1', '$2', '$3']), [year, afterSeq, limit])).rows;
    },
    close: () => pool.end(),
  };
}
