import type { JobContext } from '../../bot/context.js';
import { pruneQueues } from '../../store/prune-queues.js';

/** Daily: old inbox and outbox rows go (retention in store/prune-queues.ts). */
export async function pruneQueuesJob(ctx: JobContext): Promise<string> {
  const removed = await pruneQueues(ctx.db, ctx.scheduledAt);
  return `删除收件${removed.inbox}条、发件${removed.outbox}条`;
}
