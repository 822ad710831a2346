import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient as PgPrismaClient } from '../../generated/prisma-pg/client.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { pgDialect } from '../sql/pg-dialect.js';
import { pgQueues } from '../sql/pg-queues.js';
import { migratePostgres } from './migrate-pg.js';
import { warmUp } from '../warm-up.js';

/** Connections per replica: the inbox, outbox and scheduler loops plus concurrent callbacks. */
export const POOL_SIZE = 10;

/**
 * Migrates (under the advisory lock) and opens PostgreSQL: a Prisma client generated for it
 * (src/generated/prisma-pg) on the pg driver adapter, and the inbox/outbox SQL on the same pool.
 */
export async function openPostgres(url: string): Promise<{ prisma: PrismaClient; extras: object; applied: string[] }> {
  const applied = await migratePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // A lost connection is replaced by the pool; without a listener it would crash the process.
  pool.on('error', () => undefined);
  const client = new PgPrismaClient({
    adapter: new PrismaPg(pool),
    // Callbacks at once across replicas queue for connections and for the case-code lock.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  await client.$connect();
  // The one place the PostgreSQL client is taken for the SQLite-typed one: both are generated
  // from the same models (test/store/pg-schema.test.ts), so the typed API is the same.
  const prisma = client as unknown as PrismaClient;
  await warmUp(prisma, pool, POOL_SIZE);
  return { prisma, extras: { queues: pgQueues(pool), sql: pgDialect(pool) }, applied };
}
