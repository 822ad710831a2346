import { stmt, type RawDb } from '../raw-sqlite.js';
import type { QueueStats } from './queue-sql.js';

const age = (oldest: string | null, now: Date) => (oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0);

/** QueueSql.stats on SQLite: one pass over each queue, grouped job runs. */
export function sqliteQueueStats(raw: RawDb, now: Date): QueueStats {
  const inbox = stmt(
    raw,
    `SELECT SUM(status IN ('pending','processing')) AS pending, SUM(status = 'failed') AS failed,
       MIN(CASE WHEN status IN ('pending','processing') THEN received_at END) AS oldest FROM inbox`,
  ).get() as { pending: number | null; failed: number | null; oldest: string | null };
  const outbox = stmt(
    raw,
    `SELECT SUM(status IN ('pending','sending')) AS pending, SUM(status = 'failed') AS failed,
       MIN(CASE WHEN status IN ('pending','sending') THEN created_at END) AS oldest FROM outbox`,
  ).get() as { pending: number | null; failed: number | null; oldest: string | null };
  const jobRuns = stmt(raw, `SELECT job_id AS jobId, status, COUNT(*) AS count FROM job_runs GROUP BY job_id, status`).all() as QueueStats['jobRuns'];
  return {
    inboxPending: inbox.pending ?? 0,
    inboxFailed: inbox.failed ?? 0,
    inboxOldestSeconds: age(inbox.oldest, now),
    outboxPending: outbox.pending ?? 0,
    outboxFailed: outbox.failed ?? 0,
    outboxOldestSeconds: age(outbox.oldest, now),
    jobRuns,
  };
}
