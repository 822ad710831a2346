/**
 * The inbox and outbox statements, as one small interface per SQL dialect: they run several
 * times per event on the hot path, so each dialect writes them in its own SQL (SQLite:
 * sqlite-queues.ts, PostgreSQL: pg-queues.ts). Everything else goes through Prisma and needs
 * no dialect code. Every method is async: PostgreSQL answers over the network.
 */

export interface InboxRow {
  id: number;
  eventId: string;
  type: string;
  /** The chat whose events are handled one after another (its lane). */
  lane: string;
  attempts: number;
  /** 'processing' when found due: a handler took it and its lease ran out (the process stopped). */
  status: string;
}

export interface OutboxRow {
  id: number;
  uuid: string;
  kind: string;
  target: string;
  payload: string;
  blob: Uint8Array | null;
  attempts: number;
  createdAt: Date;
}

/** Outbound work that is not a message: the draft's cloud document, a case's Base record, a repair of the Base table. */
export type CloudKind = 'docx' | 'ledger' | 'ledger_sync';

export interface NewOutboxRow {
  uuid: string;
  /** docx, ledger, ledger_sync: cloud work (src/cloud/), sent by the senders the worker is given. */
  kind: 'send' | 'reply' | 'patch' | 'file' | CloudKind;
  /** An encoded target (see bot/message.ts encodeTarget). */
  target: string;
  payload: string;
  blob: Buffer | null;
  ref: string | null;
  /**
   * The conversation the message belongs to: rows with one key leave in the order stored.
   * Defaults to the target (a reply's own target is the message it answers: give the chat).
   */
  orderKey?: string | undefined;
  now: Date;
}

export interface InboxSql {
  /**
   * Stores an accepted event; undefined when its event_id is already stored (a redelivery).
   * `claimed` stores it as being handled right now (card callbacks, answered inline).
   */
  insert(e: { eventId: string; type: string; payload: string; lane: string; now: Date; claimed?: { leaseUntil: Date } }): Promise<InboxRow | undefined>;
  /** The answer stored for an event (card callbacks), for a redelivery to get the same answer. */
  storedResponse(eventId: string): Promise<string | null>;
  /**
   * The oldest due row of each lane, oldest first: one chat's backlog never hides another
   * chat's first event. A lane with an earlier row being handled (another replica's) is left out.
   */
  findDueLanes(now: Date, take: number): Promise<InboxRow[]>;
  /** A lane's due rows in order, for the worker that runs it. */
  findDueInLane(lane: string, now: Date, take: number): Promise<InboxRow[]>;
  /**
   * Takes a row for handling and returns its payload (read once, here); undefined when another
   * worker has it, or has an earlier row of its lane in hand (replicas keep a chat's order).
   */
  claim(id: number, now: Date, leaseMs: number): Promise<string | undefined>;
  complete(id: number, now: Date, response?: string): Promise<void>;
  /** Back to pending for another try (not before `retryAt`), or failed for good when `final`. */
  fail(id: number, failure: { error: string; final: boolean; now: Date; retryAt?: Date }): Promise<void>;
}

export interface OutboxSql {
  /** Stores a message to send; a second row with the same uuid stores nothing. Due at once. */
  insert(row: NewOutboxRow): Promise<void>;
  /**
   * Takes for sending, until `leaseUntil`, the due rows that are the first unsent row of their
   * conversation (order key), oldest first, at most `take`, and returns them (`attempts`: the
   * attempts made before this one). Found and taken together (PostgreSQL: one statement; SQLite:
   * one turn of the connection, the due condition checked again as each row is taken): replicas
   * never try the same row one after the other, and a conversation's next row waits until this
   * one is sent.
   */
  claimDue(now: Date, take: number, leaseUntil: Date): Promise<OutboxRow[]>;
  markSent(id: number, now: Date, messageId: string | null): Promise<void>;
  /** A failed send: pending again from `nextAttemptAt`, or failed for good (no `nextAttemptAt`). */
  markFailed(id: number, failure: { reason: string; nextAttemptAt?: Date }): Promise<void>;
}

/** Counts and ages of the queues and job runs, for /metrics. Nothing personal. */
export interface QueueStats {
  inboxPending: number;
  inboxFailed: number;
  inboxOldestSeconds: number;
  outboxPending: number;
  outboxFailed: number;
  outboxOldestSeconds: number;
  jobRuns: Array<{ jobId: string; status: string; count: number }>;
}

export interface QueueSql {
  inbox: InboxSql;
  outbox: OutboxSql;
  stats(now: Date): Promise<QueueStats>;
}
