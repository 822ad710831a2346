import { rawOf, type Db } from '../store/database.js';
import { sqlDate, stmt } from '../store/raw-sqlite.js';

export interface InboxRow {
  id: number;
  eventId: string;
  type: string;
  payload: string;
  attempts: number;
  /** 'processing' when found due: a handler took it and its lease ran out (the process stopped). */
  status: string;
}

// Plain statements on the hot path (one event = several of them); see store/raw-sqlite.ts.
const COLUMNS = `id, event_id AS eventId, type, payload, attempts, status`;
// For a pending row, lease_until is "not before" (a retry after a failure waits a little).
const DUE = `((status = 'pending' AND (lease_until IS NULL OR lease_until < @now)) OR (status = 'processing' AND lease_until < @now))`;

/**
 * Stores an accepted event. Returns undefined when its event_id is already stored (a
 * redelivery), so the caller does nothing more. `claimed` stores it as being handled
 * right now (card callbacks, answered inline) instead of waiting for the worker.
 */
export async function recordEvent(
  db: Db,
  e: { eventId: string; type: string; payload: string; now: Date; claimed?: { leaseUntil: Date } },
): Promise<InboxRow | undefined> {
  const now = sqlDate(e.now);
  const row = stmt(
    rawOf(db),
    `INSERT INTO inbox (event_id, type, payload, status, attempts, lease_until, received_at, updated_at)
     VALUES (@eventId, @type, @payload, @status, @attempts, @leaseUntil, @now, @now)
     ON CONFLICT(event_id) DO NOTHING RETURNING ${COLUMNS}`,
  ).get({
    eventId: e.eventId,
    type: e.type,
    payload: e.payload,
    status: e.claimed ? 'processing' : 'pending',
    attempts: e.claimed ? 1 : 0,
    leaseUntil: e.claimed ? sqlDate(e.claimed.leaseUntil) : null,
    now,
  }) as InboxRow | undefined;
  return row;
}

/** The answer stored for an event (card callbacks), for a redelivery to get the same answer. */
export async function storedResponse(db: Db, eventId: string): Promise<string | null> {
  const row = stmt(rawOf(db), `SELECT response FROM inbox WHERE event_id = ?`).get(eventId) as { response: string | null } | undefined;
  return row?.response ?? null;
}

export async function findDue(db: Db, now: Date, take: number): Promise<InboxRow[]> {
  return stmt(rawOf(db), `SELECT ${COLUMNS} FROM inbox WHERE ${DUE} ORDER BY id LIMIT @take`).all({ now: sqlDate(now), take }) as InboxRow[];
}

/** Takes a row for handling; false when another worker has it. */
export async function claim(db: Db, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const r = stmt(
    rawOf(db),
    `UPDATE inbox SET status = 'processing', lease_until = @lease, attempts = attempts + 1, updated_at = @now WHERE id = @id AND ${DUE}`,
  ).run({ id, now: sqlDate(now), lease: sqlDate(new Date(now.getTime() + leaseMs)) });
  return r.changes === 1;
}

export async function complete(db: Db, id: number, now: Date, response?: string): Promise<void> {
  stmt(
    rawOf(db),
    `UPDATE inbox SET status = 'done', processed_at = @now, lease_until = NULL, last_error = NULL, response = COALESCE(@response, response), updated_at = @now WHERE id = @id`,
  ).run({ id, now: sqlDate(now), response: response ?? null });
}

/** Records a failure: back to pending for another try (not before `retryAt`), or failed for good. */
export async function fail(db: Db, id: number, error: string, final: boolean, now: Date, retryAt?: Date): Promise<void> {
  stmt(rawOf(db), `UPDATE inbox SET status = @status, lease_until = @retryAt, last_error = @error, updated_at = @now WHERE id = @id`).run({
    id,
    status: final ? 'failed' : 'pending',
    retryAt: !final && retryAt ? sqlDate(retryAt) : null,
    error: error.slice(0, 1000),
    now: sqlDate(now),
  });
}
