import type { Db } from './database.js';

const DAY_MS = 24 * 3600_000;

/** How long handled and failed rows are kept (README "Operating", Retention). */
export const QUEUE_RETENTION = { doneDays: 30, failedDays: 90 } as const;

/**
 * Deletes inbox rows handled and outbox rows sent more than 30 days ago, and failed rows of
 * either after 90 days. Lark redelivers an event for hours at most, so dedupe needs far less.
 */
export async function pruneQueues(db: Db, now: Date): Promise<{ inbox: number; outbox: number }> {
  const done = new Date(now.getTime() - QUEUE_RETENTION.doneDays * DAY_MS);
  const failed = new Date(now.getTime() - QUEUE_RETENTION.failedDays * DAY_MS);
  const inbox = await db.inboxEvent.deleteMany({ where: { OR: [{ status: 'done', updatedAt: { lt: done } }, { status: 'failed', updatedAt: { lt: failed } }] } });
  const outbox = await db.outboxMessage.deleteMany({ where: { OR: [{ status: 'sent', sentAt: { lt: done } }, { status: 'failed', createdAt: { lt: failed } }] } });
  return { inbox: inbox.count, outbox: outbox.count };
}
