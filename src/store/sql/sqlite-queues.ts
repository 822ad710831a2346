import { OUTBOX_WINDOW, type InboxRow, type OutboxRow, type QueueSql } from './queue-sql.js';
import { sqliteQueueStats } from './sqlite-queue-stats.js';
import { sqlDate, stmt, type RawDb } from '../raw-sqlite.js';

/** The payload only where the lane must be found from it (rows stored before lanes were kept). */
const INBOX_COLUMNS = `id, event_id AS eventId, type, lane, CASE WHEN lane IS NULL THEN payload END AS payload, attempts, status`;
// For a pending row, lease_until is "not before" (a retry after a failure waits a little).
const INBOX_DUE = `((status = 'pending' AND (lease_until IS NULL OR lease_until < @now)) OR (status = 'processing' AND lease_until < @now))`;
const OUTBOX_DUE = `((status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_until < @now))`;
/**
 * The partial indexes on the backlog (migration 20261129220000), named: SQLite's planner would
 * rather read the backlog through the status indexes and sort all of it. Each query repeats the
 * index's WHERE as an AND term, which SQLite needs to use a partial index.
 */
const UNFINISHED = `status IN ('pending', 'processing')`;
const UNSENT = `status IN ('pending', 'sending')`;
/** Only the first unsent message of its conversation may go: the next one waits for it. */
const FIRST_OF_ITS_KEY = `NOT EXISTS (SELECT 1 FROM outbox e INDEXED BY outbox_unsent_order_key_idx WHERE e.order_key = outbox.order_key AND e.id < outbox.id AND e.${UNSENT})`;
const OUTBOX_COLUMNS = `id, uuid, kind, target, payload, blob, attempts, created_at AS createdAt`;
/** The id of the OUTBOX_WINDOW-th unsent row: the oldest rows are read up to it, no further. */
const WINDOW_END = `SELECT id FROM outbox INDEXED BY outbox_unsent_idx WHERE ${UNSENT} ORDER BY id LIMIT 1 OFFSET ${OUTBOX_WINDOW - 1}`;
const IN_WINDOW = `id <= COALESCE((${WINDOW_END}), ${Number.MAX_SAFE_INTEGER})`;
/**
 * The first unsent row of every conversation, found one conversation at a time (a skip scan of
 * outbox_unsent_order_key_idx), then the due ones oldest first: as many steps as conversations,
 * however many rows each has waiting.
 */
const DUE_HEADS = `
  WITH RECURSIVE keys(k) AS (
    SELECT (SELECT order_key FROM outbox INDEXED BY outbox_unsent_order_key_idx WHERE ${UNSENT} ORDER BY order_key LIMIT 1)
    UNION ALL
    SELECT (SELECT order_key FROM outbox INDEXED BY outbox_unsent_order_key_idx WHERE ${UNSENT} AND order_key > keys.k ORDER BY order_key LIMIT 1) FROM keys WHERE keys.k IS NOT NULL
  ),
  heads(id) AS (
    SELECT (SELECT id FROM outbox INDEXED BY outbox_unsent_order_key_idx WHERE ${UNSENT} AND order_key = keys.k ORDER BY id LIMIT 1) FROM keys WHERE keys.k IS NOT NULL
  ),
  due(id) AS (SELECT outbox.id FROM heads JOIN outbox ON outbox.id = heads.id WHERE ${OUTBOX_DUE} ORDER BY outbox.id LIMIT @take)
  SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE id IN (SELECT id FROM due) ORDER BY id`;

/** The inbox and outbox on SQLite: prepared statements on the plain connection (see raw-sqlite.ts). */
export function sqliteQueues(raw: RawDb): QueueSql {
  return {
    inbox: {
      async insert(e) {
        const now = sqlDate(e.now);
        return stmt(
          raw,
          `INSERT INTO inbox (event_id, type, payload, lane, status, attempts, lease_until, received_at, updated_at)
           VALUES (@eventId, @type, @payload, @lane, @status, @attempts, @leaseUntil, @now, @now)
           ON CONFLICT(event_id) DO NOTHING RETURNING ${INBOX_COLUMNS}`,
        ).get({
          eventId: e.eventId,
          type: e.type,
          payload: e.payload,
          lane: e.lane,
          status: e.claimed ? 'processing' : 'pending',
          attempts: e.claimed ? 1 : 0,
          leaseUntil: e.claimed ? sqlDate(e.claimed.leaseUntil) : null,
          now,
        }) as InboxRow | undefined;
      },
      async storedResponse(eventId) {
        const row = stmt(raw, `SELECT response FROM inbox WHERE event_id = ?`).get(eventId) as { response: string | null } | undefined;
        return row?.response ?? null;
      },
      async findDue(now, take) {
        return stmt(raw, `SELECT ${INBOX_COLUMNS} FROM inbox INDEXED BY inbox_unfinished_idx WHERE ${UNFINISHED} AND ${INBOX_DUE} ORDER BY id LIMIT @take`).all({ now: sqlDate(now), take }) as InboxRow[];
      },
      async claim(id, now, leaseMs) {
        const row = stmt(
          raw,
          `UPDATE inbox SET status = 'processing', lease_until = @lease, attempts = attempts + 1, updated_at = @now WHERE id = @id AND ${INBOX_DUE} RETURNING payload`,
        ).get({ id, now: sqlDate(now), lease: sqlDate(new Date(now.getTime() + leaseMs)) }) as { payload: string } | undefined;
        return row?.payload;
      },
      async complete(id, now, response) {
        stmt(
          raw,
          `UPDATE inbox SET status = 'done', processed_at = @now, lease_until = NULL, last_error = NULL, response = COALESCE(@response, response), updated_at = @now WHERE id = @id`,
        ).run({ id, now: sqlDate(now), response: response ?? null });
      },
      async fail(id, failure) {
        stmt(raw, `UPDATE inbox SET status = @status, lease_until = @retryAt, last_error = @error, updated_at = @now WHERE id = @id`).run({
          id,
          status: failure.final ? 'failed' : 'pending',
          retryAt: !failure.final && failure.retryAt ? sqlDate(failure.retryAt) : null,
          error: failure.error.slice(0, 1000),
          now: sqlDate(failure.now),
        });
      },
    },
    outbox: {
      async insert(row) {
        stmt(
          raw,
          `INSERT INTO outbox (uuid, kind, target, payload, blob, ref, order_key, status, attempts, next_attempt_at, created_at)
           VALUES (@uuid, @kind, @target, @payload, @blob, @ref, @orderKey, 'pending', 0, @due, @now) ON CONFLICT(uuid) DO NOTHING`,
          // A new row is due at once whatever a test clock says (next attempt at the epoch).
        ).run({ ...row, orderKey: row.orderKey ?? row.target, due: sqlDate(new Date(0)), now: sqlDate(row.now) });
      },
      async findDue(now, take) {
        // The oldest unsent rows hold the answer as a rule (conversations have a row or two
        // waiting): read them in order, up to OUTBOX_WINDOW of them. Only when those are not
        // enough (a conversation far behind fills them) is each conversation's first row looked up.
        const p = { now: sqlDate(now), take };
        let rows = stmt(
          raw,
          `SELECT ${OUTBOX_COLUMNS} FROM outbox INDEXED BY outbox_unsent_idx WHERE ${UNSENT} AND ${IN_WINDOW} AND ${OUTBOX_DUE} AND ${FIRST_OF_ITS_KEY} ORDER BY id LIMIT @take`,
        ).all(p) as Array<Omit<OutboxRow, 'createdAt'> & { createdAt: string }>;
        if (rows.length < take && stmt(raw, WINDOW_END).get()) rows = stmt(raw, DUE_HEADS).all(p) as typeof rows;
        return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
      },
      async claim(id, now, leaseUntil) {
        const r = stmt(raw, `UPDATE outbox SET status = 'sending', lease_until = @lease, attempts = attempts + 1 WHERE id = @id AND ${OUTBOX_DUE} AND ${FIRST_OF_ITS_KEY}`).run({
          id,
          now: sqlDate(now),
          lease: sqlDate(leaseUntil),
        });
        return r.changes === 1;
      },
      async markSent(id, now, messageId) {
        stmt(raw, `UPDATE outbox SET status = 'sent', sent_at = @now, message_id = @messageId, lease_until = NULL, last_error = NULL, blob = NULL WHERE id = @id`).run({
          id,
          now: sqlDate(now),
          messageId,
        });
      },
      async markFailed(id, failure) {
        stmt(
          raw,
          `UPDATE outbox SET status = @status, lease_until = NULL, last_error = @reason, next_attempt_at = COALESCE(@next, next_attempt_at) WHERE id = @id`,
        ).run({ id, status: failure.nextAttemptAt ? 'pending' : 'failed', reason: failure.reason, next: failure.nextAttemptAt ? sqlDate(failure.nextAttemptAt) : null });
      },
    },
    stats: async (now) => sqliteQueueStats(raw, now),
  };
}
