import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * Pays at start what the first request would pay otherwise. Prisma compiles its query planner
 * on the client's first model query (some 250 ms here) and the first interactive transaction
 * costs again; on PostgreSQL each pool connection is opened on first use (a server process
 * each). The first card callback after a start (a 3 s budget at Lark) then finds them ready.
 */
export async function warmUp(prisma: PrismaClient, pool?: { query(sql: string): Promise<unknown> }, connections = 0): Promise<void> {
  // Concurrent queries make the pool open that many connections (it reuses only idle ones).
  if (pool) await Promise.all(Array.from({ length: connections }, () => pool.query('SELECT 1')));
  await prisma.setting.findFirst({ where: { key: '' }, select: { key: true } });
  await prisma.$transaction(async (tx) => tx.setting.findFirst({ where: { key: '' }, select: { key: true } }));
}
