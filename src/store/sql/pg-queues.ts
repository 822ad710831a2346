import { createHash } from 'node:crypto';
import pg from 'pg';
import { pgQueueStats } from './pg-queue-stats.js';
import type { InboxRow, OutboxRow, QueueSql } from './queue-sql.js';

/**
 * Instants: the columns are timestamp(3) without time zone holding UTC, as Prisma writes them.
 * Sent as ISO text (the zone is ignored on input) and read back as UTC, whatever TZ says.
 */
const at = (d: Date) => d.toISOString();
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMP ? (s: string) => new Date(`${s.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const INBOX_COLUMNS = `id, event_id AS "eventId", type, lane, attempts, status`;
const INBOX_DUE = `((status = 'pending' AND (lease_until IS NULL OR lease_until < $1)) OR (status = 'processing' AND lease_until < $1))`;
const OUTBOX_DUE = `((status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until < $1))`;
/**
 * The WHERE of the partial indexes on rows still to handle or send (migration
 * 20261129190000_queue_unsent_indexes), repeated as an AND term so the planner scans only
 * those: planning on statistics taken while most rows were pending, it otherwise walked the
 * primary key through every handled row (10-15 ms a call at 2,000 rows).
 */
const UNFINISHED = `status IN ('pending', 'processing')`;
const UNSENT = `status IN ('pending', 'sending')`;
/** An earlier row of the row's lane is in a worker's hands (another replica's): the lane waits for it. */
const LANE_BUSY_BEFORE = (lane: string, id: string) =>
  `EXISTS (SELECT 1 FROM inbox b WHERE b.lane = ${lane} AND b.${UNFINISHED} AND b.id < ${id} AND b.status = 'processing' AND b.lease_until >= $1)`;
/**
 * Each lane's first due row, found one lane at a time (a skip scan of inbox_unfinished_lane_idx),
 * then the oldest first: as many steps as lanes with work, however long any one backlog is.
 */
const DUE_LANE_HEADS = `
  WITH RECURSIVE lanes(l) AS (
    (SELECT lane FROM inbox WHERE ${UNFINISHED} ORDER BY lane LIMIT 1)
    UNION ALL
    SELECT (SELECT lane FROM inbox WHERE ${UNFINISHED} AND lane > lanes.l ORDER BY lane LIMIT 1) FROM lanes WHERE lanes.l IS NOT NULL
  )
  SELECT ${INBOX_COLUMNS} FROM lanes CROSS JOIN LATERAL (SELECT * FROM inbox WHERE lane = lanes.l AND ${UNFINISHED} AND ${INBOX_DUE} ORDER BY id LIMIT 1) head
  WHERE lanes.l IS NOT NULL AND NOT ${LANE_BUSY_BEFORE('head.lane', 'head.id')} ORDER BY id LIMIT $2`;
/** Rows of one conversation go out in order across replicas: none is claimed while an earlier one is unsent. */
const FIRST_OF_ITS_KEY = `NOT EXISTS (SELECT 1 FROM outbox e WHERE e.order_key = o.order_key AND e.id < o.id AND e.${UNSENT})`;
/**
 * The ids of the first unsent row of every conversation, found one conversation at a time (a
 * skip scan of outbox_unsent_order_key_idx), the due ones oldest first: as many steps as
 * conversations, however many rows each has waiting.
 */
const DUE_HEAD_IDS = `
  WITH RECURSIVE keys(k) AS (
    (SELECT order_key FROM outbox WHERE ${UNSENT} ORDER BY order_key LIMIT 1)
    UNION ALL
    SELECT (SELECT order_key FROM outbox WHERE ${UNSENT} AND order_key > keys.k ORDER BY order_key LIMIT 1) FROM keys WHERE keys.k IS NOT NULL
  )
  SELECT head.id FROM keys CROSS JOIN LATERAL (SELECT id, status, next_attempt_at, lease_until FROM outbox o WHERE o.order_key = keys.k AND o.${UNSENT} ORDER BY o.id LIMIT 1) head
  WHERE keys.k IS NOT NULL AND ${OUTBOX_DUE} ORDER BY head.id LIMIT $2`;
/**
 * Claims the due heads in the statement that finds them: replicas never try the same row one
 * after the other. SKIP LOCKED: a row another replica is claiming at this instant is simply
 * not ours; the WHERE is checked again on the row as it is once locked.
 */
const CLAIM_DUE = `
  UPDATE outbox SET status = 'sending', lease_until = $3, attempts = attempts + 1
  WHERE id IN (SELECT o.id FROM outbox o WHERE o.id IN (${DUE_HEAD_IDS}) AND ${OUTBOX_DUE} AND ${FIRST_OF_ITS_KEY} FOR UPDATE SKIP LOCKED)
  RETURNING id, uuid, kind, target, payload, blob, attempts - 1 AS attempts, created_at AS "createdAt"`;

const names = new Map<string, string>();
/** A prepared statement's name: the same text, the same name, on every connection of the pool. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `q${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return name;
}

/** The inbox and outbox on PostgreSQL, through the pool the Prisma client also uses. */
export function pgQueues(pool: pg.Pool): QueueSql {
  // Named: each connection plans a statement once (the look-ups' recursive queries cost more
  // to plan than to run, and run after every event and every message sent).
  const q = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) => pool.query<R>({ name: statementName(text), text, values, types: TYPES });
  return {
    inbox: {
      async insert(e) {
        const now = at(e.now);
        const { rows } = await q<InboxRow>(
          `INSERT INTO inbox (event_id, type, payload, lane, status, attempts, lease_until, received_at, updated_at)
           VALUES ($1, $2, $3, $8, $4, $5, $6, $7, $7) ON CONFLICT (event_id) DO NOTHING RETURNING ${INBOX_COLUMNS}`,
          [e.eventId, e.type, e.payload, e.claimed ? 'processing' : 'pending', e.claimed ? 1 : 0, e.claimed ? at(e.claimed.leaseUntil) : null, now, e.lane],
        );
        return rows[0];
      },
      async storedResponse(eventId) {
        const { rows } = await q<{ response: string | null }>(`SELECT response FROM inbox WHERE event_id = $1`, [eventId]);
        return rows[0]?.response ?? null;
      },
      async findDueLanes(now, take) {
        return (await q<InboxRow>(DUE_LANE_HEADS, [at(now), take])).rows;
      },
      async findDueInLane(lane, now, take) {
        return (await q<InboxRow>(`SELECT ${INBOX_COLUMNS} FROM inbox WHERE ${UNFINISHED} AND lane = $3 AND ${INBOX_DUE} ORDER BY id LIMIT $2`, [at(now), take, lane])).rows;
      },
      async claim(id, now, leaseMs) {
        // Two replicas may try the same row: the WHERE is checked again on the row each one
        // finds after the other's commit, so exactly one UPDATE changes it.
        const { rows } = await q<{ payload: string }>(
          `UPDATE inbox SET status = 'processing', lease_until = $3, attempts = attempts + 1, updated_at = $1
           WHERE id = $2 AND ${INBOX_DUE} AND NOT ${LANE_BUSY_BEFORE('inbox.lane', 'inbox.id')} RETURNING payload`,
          [at(now), id, at(new Date(now.getTime() + leaseMs))],
        );
        return rows[0]?.payload;
      },
      async complete(id, now, response) {
        await q(
          `UPDATE inbox SET status = 'done', processed_at = $1, lease_until = NULL, last_error = NULL, response = COALESCE($3, response), updated_at = $1 WHERE id = $2`,
          [at(now), id, response ?? null],
        );
      },
      async fail(id, f) {
        await q(`UPDATE inbox SET status = $2, lease_until = $3, last_error = $4, updated_at = $5 WHERE id = $1`, [
          id,
          f.final ? 'failed' : 'pending',
          !f.final && f.retryAt ? at(f.retryAt) : null,
          f.error.slice(0, 1000),
          at(f.now),
        ]);
      },
    },
    outbox: {
      async insert(row) {
        await q(
          `INSERT INTO outbox (uuid, kind, target, payload, blob, ref, order_key, status, attempts, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9) ON CONFLICT (uuid) DO NOTHING`,
          // A new row is due at once whatever a test clock says (next attempt at the epoch).
          [row.uuid, row.kind, row.target, row.payload, row.blob, row.ref, row.orderKey ?? row.target, at(new Date(0)), at(row.now)],
        );
      },
      async claimDue(now, take, leaseUntil) {
        return (await q<OutboxRow>(CLAIM_DUE, [at(now), take, at(leaseUntil)])).rows.sort((x, y) => x.id - y.id);
      },
      async markSent(id, now, messageId) {
        await q(`UPDATE outbox SET status = 'sent', sent_at = $2, message_id = $3, lease_until = NULL, last_error = NULL, blob = NULL WHERE id = $1`, [id, at(now), messageId]);
      },
      async markFailed(id, f) {
        await q(`UPDATE outbox SET status = $2, lease_until = NULL, last_error = $3, next_attempt_at = COALESCE($4, next_attempt_at) WHERE id = $1`, [
          id,
          f.nextAttemptAt ? 'pending' : 'failed',
          f.reason,
          f.nextAttemptAt ? at(f.nextAttemptAt) : null,
        ]);
      },
    },
    stats: (now) => pgQueueStats(q, now),
  };
}
