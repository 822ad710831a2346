import type { InboxRow, OutboxRow, QueueSql } from './queue-sql.js';
import { sqliteQueueStats } from './sqlite-queue-stats.js';
import { sqlDate, stmt } from '../raw-sqlite.js';
import type { SqliteConnection } from '../sqlite/sqlite-connection.js';

const INBOX_COLUMNS = `id, event_id AS eventId, type, lane, attempts, status`;
// For a pending row, lease_until is "not before" (a retry after a failure waits a little).
const INBOX_DUE = `((status = 'pending' AND (lease_until IS NULL OR lease_until < @now)) OR (status = 'processing' AND lease_until < @now))`;
const OUTBOX_DUE = `((status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_until < @now))`;
/**
 * The partial indexes on the backlog (migration 20261129220000), named: SQLite's planner would
 * rather read the backlog through the status indexes and sort all of it. Each query repeats the
 * index's WHERE as an AND term, which SQLite needs to use a partial index.
 */
const UNFINISHED = `status IN ('pending', 'processing')`;
/** An earlier row of the row's lane is in a worker's hands (another replica's): the lane waits for it. */
const LANE_BUSY_BEFORE = (lane: string, id: string) =>
  `EXISTS (SELECT 1 FROM inbox b INDEXED BY inbox_unfinished_lane_idx WHERE b.lane = ${lane} AND b.${UNFINISHED} AND b.id < ${id} AND b.status = 'processing' AND b.lease_until >= @now)`;
/** A lane's first due row. */
const LANE_HEAD = (lane: string) =>
  `SELECT id FROM inbox INDEXED BY inbox_unfinished_lane_idx WHERE ${UNFINISHED} AND lane = ${lane} AND ${INBOX_DUE} ORDER BY id LIMIT 1`;
/**
 * Each lane's first due row, found one lane at a time (a skip scan of inbox_unfinished_lane_idx):
 * as many steps as lanes with work, however long any one backlog is. Unsorted: ordering in SQL
 * would build a temporary b-tree on every look-up (about 0.1 ms, most of the statement's cost
 * when nothing is due); the few heads are put oldest first in JavaScript.
 */
const DUE_LANE_HEADS = `
  WITH RECURSIVE lanes(l) AS (
    SELECT (SELECT lane FROM inbox INDEXED BY inbox_unfinished_lane_idx WHERE ${UNFINISHED} ORDER BY lane LIMIT 1)
    UNION ALL
    SELECT (SELECT lane FROM inbox INDEXED BY inbox_unfinished_lane_idx WHERE ${UNFINISHED} AND lane > lanes.l ORDER BY lane LIMIT 1) FROM lanes WHERE lanes.l IS NOT NULL
  ),
  heads(head, l) AS (SELECT (${LANE_HEAD('lanes.l')}), l FROM lanes WHERE l IS NOT NULL)
  SELECT ${INBOX_COLUMNS} FROM heads JOIN inbox ON inbox.id = heads.head WHERE NOT ${LANE_BUSY_BEFORE('heads.l', 'heads.head')}`;
const UNSENT = `status IN ('pending', 'sending')`;
/**
 * The first unsent row of every conversation that is due, found one conversation at a time (a
 * skip scan of outbox_unsent_order_key_idx): as many steps as conversations, however many rows
 * each has waiting. Unsorted, as DUE_LANE_HEADS and for the same reason.
 */
const DUE_HEADS = `
  WITH RECURSIVE keys(k) AS (
    SELECT (SELECT order_key FROM outbox INDEXED BY outbox_unsent_order_key_idx WHERE ${UNSENT} ORDER BY order_key LIMIT 1)
    UNION ALL
    SELECT (SELECT order_key FROM outbox INDEXED BY outbox_unsent_order_key_idx WHERE ${UNSENT} AND order_key > keys.k ORDER BY order_key LIMIT 1) FROM keys WHERE keys.k IS NOT NULL
  ),
  heads(id) AS (
    SELECT (SELECT id FROM outbox INDEXED BY outbox_unsent_order_key_idx WHERE ${UNSENT} AND order_key = keys.k ORDER BY id LIMIT 1) FROM keys WHERE keys.k IS NOT NULL
  )
  SELECT outbox.id FROM heads JOIN outbox ON outbox.id = heads.id WHERE ${OUTBOX_DUE}`;
/** Takes one due head; the due condition is checked again, so a row another process took meanwhile is left alone. */
const CLAIM_ONE = `UPDATE outbox SET status = 'sending', lease_until = @lease, attempts = attempts + 1 WHERE id = @id AND ${OUTBOX_DUE}
  RETURNING id, uuid, kind, target, payload, blob, attempts - 1 AS attempts, created_at AS createdAt`;

const oldestFirst = <T extends { id: number }>(rows: T[], take: number): T[] => rows.sort((x, y) => x.id - y.id).slice(0, take);

/** The inbox and outbox on SQLite: prepared statements on the process's one connection, in its turn. */
export function sqliteQueues(connection: SqliteConnection): QueueSql {
  const on = connection.run;
  return {
    inbox: {
      insert: (e) =>
        on((raw) =>
          stmt(
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
            now: sqlDate(e.now),
          }) as InboxRow | undefined,
          // The webhook answers Lark only once the event is stored: it goes before the lanes' work.
          { ahead: true },
        ),
      storedResponse: (eventId) =>
        on((raw) => (stmt(raw, `SELECT response FROM inbox WHERE event_id = ?`).get(eventId) as { response: string | null } | undefined)?.response ?? null),
      findDueLanes: (now, take) => on((raw) => oldestFirst(stmt(raw, DUE_LANE_HEADS).all({ now: sqlDate(now) }) as InboxRow[], take)),
      findDueInLane: (lane, now, take) =>
        on(
          (raw) =>
            stmt(raw, `SELECT ${INBOX_COLUMNS} FROM inbox INDEXED BY inbox_unfinished_lane_idx WHERE ${UNFINISHED} AND lane = @lane AND ${INBOX_DUE} ORDER BY id LIMIT @take`).all({
              lane,
              now: sqlDate(now),
              take,
            }) as InboxRow[],
        ),
      claim: (id, now, leaseMs) =>
        on(
          (raw) =>
            (
              stmt(
                raw,
                `UPDATE inbox SET status = 'processing', lease_until = @lease, attempts = attempts + 1, updated_at = @now
                 WHERE id = @id AND ${INBOX_DUE} AND NOT ${LANE_BUSY_BEFORE('inbox.lane', 'inbox.id')} RETURNING payload`,
              ).get({ id, now: sqlDate(now), lease: sqlDate(new Date(now.getTime() + leaseMs)) }) as { payload: string } | undefined
            )?.payload,
        ),
      complete: (id, now, response) =>
        on((raw) => {
          stmt(
            raw,
            `UPDATE inbox SET status = 'done', processed_at = @now, lease_until = NULL, last_error = NULL, response = COALESCE(@response, response), updated_at = @now WHERE id = @id`,
          ).run({ id, now: sqlDate(now), response: response ?? null });
        }),
      fail: (id, failure) =>
        on((raw) => {
          stmt(raw, `UPDATE inbox SET status = @status, lease_until = @retryAt, last_error = @error, updated_at = @now WHERE id = @id`).run({
            id,
            status: failure.final ? 'failed' : 'pending',
            retryAt: !failure.final && failure.retryAt ? sqlDate(failure.retryAt) : null,
            error: failure.error.slice(0, 1000),
            now: sqlDate(failure.now),
          });
        }),
    },
    outbox: {
      insert: (row) =>
        on((raw) => {
          stmt(
            raw,
            `INSERT INTO outbox (uuid, kind, target, payload, blob, ref, order_key, status, attempts, next_attempt_at, created_at)
             VALUES (@uuid, @kind, @target, @payload, @blob, @ref, @orderKey, 'pending', 0, @due, @now) ON CONFLICT(uuid) DO NOTHING`,
            // A new row is due at once whatever a test clock says (next attempt at the epoch).
          ).run({ ...row, orderKey: row.orderKey ?? row.target, due: sqlDate(new Date(0)), now: sqlDate(row.now) });
        }),
      // Found, then taken in the same turn of the connection, in one write transaction (nothing
      // is written when nothing is due, the usual case); a row another process took between the
      // two no longer meets the due condition and is not taken twice.
      claimDue: (now, take, leaseUntil) =>
        on((raw) => {
          const due = oldestFirst(stmt(raw, DUE_HEADS).all({ now: sqlDate(now) }) as Array<{ id: number }>, take);
          if (!due.length) return [];
          const claimOne = stmt(raw, CLAIM_ONE);
          const params = { now: sqlDate(now), lease: sqlDate(leaseUntil) };
          const claimed = raw.transaction(() => due.map((r) => claimOne.get({ ...params, id: r.id }) as (Omit<OutboxRow, 'createdAt'> & { createdAt: string }) | undefined)).immediate();
          return claimed.flatMap((r) => (r ? [{ ...r, createdAt: new Date(r.createdAt) }] : []));
        }),
      markSent: (id, now, messageId) =>
        on((raw) => {
          stmt(raw, `UPDATE outbox SET status = 'sent', sent_at = @now, message_id = @messageId, lease_until = NULL, last_error = NULL, blob = NULL WHERE id = @id`).run({
            id,
            now: sqlDate(now),
            messageId,
          });
        }),
      markFailed: (id, failure) =>
        on((raw) => {
          stmt(
            raw,
            `UPDATE outbox SET status = @status, lease_until = NULL, last_error = @reason, next_attempt_at = COALESCE(@next, next_attempt_at) WHERE id = @id`,
          ).run({ id, status: failure.nextAttemptAt ? 'pending' : 'failed', reason: failure.reason, next: failure.nextAttemptAt ? sqlDate(failure.nextAttemptAt) : null });
        }),
    },
    stats: (now) => on((raw) => sqliteQueueStats(raw, now)),
  };
}
