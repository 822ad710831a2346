import type pg from 'pg';
import type { QueueStats } from './queue-sql.js';

type Query = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => Promise<pg.QueryResult<R>>;

const age = (oldest: Date | null, now: Date) => (oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0);

/** QueueSql.stats on PostgreSQL: the same figures as sqlite-queue-stats.ts, in portable SQL. */
export async function pgQueueStats(q: Query, now: Date): Promise<QueueStats> {
  const queue = (table: string, busy: string, since: string) =>
    q<{ pending: string | null; failed: string | null; oldest: Date | null }>(
      `SELECT SUM(CASE WHEN status IN ('pending', '${busy}') THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
              MIN(CASE WHEN status IN ('pending', '${busy}') THEN ${since} END) AS oldest FROM ${table}`,
      [],
    );
  const [inbox, outbox, jobs] = await Promise.all([
    queue('inbox', 'processing', 'received_at'),
    queue('outbox', 'sending', 'created_at'),
    q<{ jobId: string; status: string; count: string }>(`SELECT job_id AS "jobId", status, COUNT(*) AS count FROM job_runs GROUP BY job_id, status`, []),
  ]);
  const i = inbox.rows[0]!;
  const o = outbox.rows[0]!;
  return {
    inboxPending: Number(i.pending ?? 0),
    inboxFailed: Number(i.failed ?? 0),
    inboxOldestSeconds: age(i.oldest, now),
    outboxPending: Number(o.pending ?? 0),
    outboxFailed: Number(o.failed ?? 0),
    outboxOldestSeconds: age(o.oldest, now),
    jobRuns: jobs.rows.map((r) => ({ jobId: r.jobId, status: r.status, count: Number(r.count) })),
  };
}
