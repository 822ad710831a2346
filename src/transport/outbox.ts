import { createHash, randomUUID } from 'node:crypto';
import { rawOf, type Db } from '../store/database.js';
import { sqlDate, stmt } from '../store/raw-sqlite.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import { retryBusy } from '../store/busy-error.js';
import { PollLoop } from '../util/poll-loop.js';
import { LarkApiError, type FileType, type LarkApi } from './lark-api.js';
import { decodeTarget, encodeTarget, toLarkContent, type OutMessage, type Target } from './messages.js';

/** One outbound message. `uuid` is what Lark deduplicates on: keep it stable across retries. */
export type OutboxRequest = (
  | { kind: 'message'; to: Target; message: OutMessage }
  | { kind: 'patch'; messageId: string; card: Record<string, unknown> }
  | { kind: 'file'; to: Target; fileName: string; fileType: FileType; data: Buffer }
) & {
  uuid?: string;
  ref?: string;
  /**
   * The conversation the message belongs to (an encoded chat target for a reply): messages
   * with one key leave in the order stored. Defaults to the target itself.
   */
  orderKey?: string;
};

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this long since the message was stored, stop trying and record why. */
  giveUpAfterMs: number;
  /** A claimed row whose sender died is claimed again after this long. */
  leaseMs: number;
}

/** Keeps trying for 48 hours: a long Lark outage (or a weekend without anyone noticing) loses nothing. */
export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, giveUpAfterMs: 48 * 3600_000, leaseMs: 60_000 };

/** Sends in flight at most: Lark rate-limits per app, and a backlog after an outage must not burst. */
export const MAX_CONCURRENT_SENDS = 8;

/** A uuid derived from a seed, so a handler that runs again sends nothing new. */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Exponential backoff with jitter: half fixed, half random, so retries of many rows spread out. */
export function backoffDelay(attempt: number, p: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/**
 * Stores a message to be sent. A second call with the same uuid stores nothing. Returns the
 * uuid. A new row is due at once whatever a test clock says (next attempt at the epoch).
 */
export async function enqueue(db: Db, req: OutboxRequest, now: Date = new Date()): Promise<string> {
  const uuid = req.uuid ?? randomUUID();
  let kind: string;
  let target: string;
  let payload: unknown;
  let blob: Buffer | null = null;
  if (req.kind === 'message') {
    kind = 'replyTo' in req.to ? 'reply' : 'send';
    target = encodeTarget(req.to);
    payload = req.message;
  } else if (req.kind === 'patch') {
    kind = 'patch';
    target = `message:${req.messageId}`;
    payload = { type: 'card', card: req.card };
  } else {
    kind = 'file';
    target = encodeTarget(req.to);
    payload = { fileName: req.fileName, fileType: req.fileType };
    blob = req.data;
  }
  await retryBusy(() =>
    stmt(
      rawOf(db),
      `INSERT INTO outbox (uuid, kind, target, payload, blob, ref, order_key, status, attempts, next_attempt_at, created_at)
       VALUES (@uuid, @kind, @target, @payload, @blob, @ref, @orderKey, 'pending', 0, @due, @now) ON CONFLICT(uuid) DO NOTHING`,
    ).run({ uuid, kind, target, payload: JSON.stringify(payload), blob, ref: req.ref ?? null, orderKey: req.orderKey ?? target, due: sqlDate(new Date(0)), now: sqlDate(now) }),
  );
  return uuid;
}

const DUE = `((status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_until < @now))`;
/** Only the first unsent message of its conversation may go: the next one waits for it. */
const FIRST_OF_ITS_KEY = `NOT EXISTS (SELECT 1 FROM outbox e WHERE e.order_key = outbox.order_key AND e.id < outbox.id AND e.status IN ('pending', 'sending'))`;

interface Row {
  id: number;
  uuid: string;
  kind: string;
  target: string;
  payload: string;
  blob: Uint8Array | null;
  attempts: number;
  createdAt: Date;
}

export interface OutboxWorkerOptions {
  db: Db;
  api: LarkApi;
  log: Logger;
  clock: Clock;
  policy?: Partial<RetryPolicy>;
  /** How often to look for due rows when nothing woke the worker. */
  pollMs?: number;
  /** Sends in flight at most (default MAX_CONCURRENT_SENDS). */
  maxConcurrent?: number;
}

/** Sends stored messages through the Lark API; retries what may succeed later; survives restarts. */
export class OutboxWorker {
  private readonly policy: RetryPolicy;
  private readonly loop: PollLoop;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly o: OutboxWorkerOptions) {
    this.policy = { ...DEFAULT_RETRY, ...o.policy };
    this.loop = new PollLoop({ name: 'outbox', pollMs: o.pollMs ?? 1_000, log: o.log, runOnce: () => this.runOnce() });
  }

  start(): void {
    this.loop.start();
  }

  /** Finishes the sends in hand, then stops. Rows not yet sent stay stored for the next start. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.inflight]);
  }

  /** Called after enqueue so a new message goes out at once rather than at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  /**
   * Starts sending due rows, the first unsent one of each conversation only, up to
   * MAX_CONCURRENT_SENDS at a time; returns without waiting, so a slow send holds up only its
   * own conversation. A conversation's next message is found once this one is settled.
   */
  async runOnce(): Promise<number> {
    const { db } = this.o;
    const now = this.o.clock.now();
    const room = (this.o.maxConcurrent ?? MAX_CONCURRENT_SENDS) - this.inflight.size;
    if (room <= 0) return 0;
    const due = await retryBusy(() =>
      (
        stmt(
          rawOf(db),
          `SELECT id, uuid, kind, target, payload, blob, attempts, created_at AS createdAt FROM outbox WHERE ${DUE} AND ${FIRST_OF_ITS_KEY} ORDER BY id LIMIT @take`,
        ).all({ now: sqlDate(now), take: room }) as Array<Omit<Row, 'createdAt'> & { createdAt: string }>
      ).map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    );
    let started = 0;
    for (const row of due) {
      if (!(await this.claim(row.id, now))) continue;
      started++;
      const sending: Promise<unknown> = this.deliver(row)
        .catch((e: unknown) => this.o.log.error({ outbox: row.id, err: (e as Error).message }, 'outbox send could not be recorded'))
        .finally(() => {
          this.inflight.delete(sending);
          this.loop.wake();
        });
      this.inflight.add(sending);
    }
    return started;
  }

  private async claim(id: number, now: Date): Promise<boolean> {
    const r = await retryBusy(() =>
      stmt(rawOf(this.o.db), `UPDATE outbox SET status = 'sending', lease_until = @lease, attempts = attempts + 1 WHERE id = @id AND ${DUE}`).run({
        id,
        now: sqlDate(now),
        lease: sqlDate(new Date(now.getTime() + this.policy.leaseMs)),
      }),
    );
    return r.changes === 1;
  }

  private async deliver(row: Row): Promise<boolean> {
    const { db, log } = this.o;
    const attempt = row.attempts + 1;
    try {
      const messageId = await this.send(row);
      await retryBusy(() => stmt(
        rawOf(db),
        `UPDATE outbox SET status = 'sent', sent_at = @now, message_id = @messageId, lease_until = NULL, last_error = NULL, blob = NULL WHERE id = @id`,
      ).run({ id: row.id, now: sqlDate(this.o.clock.now()), messageId: messageId ?? null }));
      log.debug({ outbox: row.id, uuid: row.uuid, attempt }, 'outbox sent');
      return true;
    } catch (e) {
      const err = e instanceof LarkApiError ? e : new LarkApiError((e as Error).message, { retryable: false });
      const now = this.o.clock.now();
      const age = now.getTime() - row.createdAt.getTime();
      const retry = err.retryable && age < this.policy.giveUpAfterMs;
      const reason = retry ? err.message : err.retryable ? `gave up after ${attempt} attempts over ${Math.round(age / 1000)} s: ${err.message}` : `not retryable: ${err.message}`;
      await retryBusy(() => stmt(
        rawOf(db),
        `UPDATE outbox SET status = @status, lease_until = NULL, last_error = @reason, next_attempt_at = COALESCE(@next, next_attempt_at) WHERE id = @id`,
      ).run({
        id: row.id,
        status: retry ? 'pending' : 'failed',
        reason,
        next: retry ? sqlDate(new Date(now.getTime() + backoffDelay(attempt, this.policy))) : null,
      }));
      log[retry ? 'warn' : 'error']({ outbox: row.id, uuid: row.uuid, attempt, err: reason }, retry ? 'outbox send failed, will retry' : 'outbox gave up');
      return false;
    }
  }

  private async send(row: Row): Promise<string | undefined> {
    const { api } = this.o;
    const target = decodeTarget(row.target);
    if (row.kind === 'patch') {
      const m = JSON.parse(row.payload) as OutMessage;
      if (!('replyTo' in target)) throw new LarkApiError('patch needs a message id', { retryable: false });
      await api.patchMessage({ messageId: target.replyTo, content: toLarkContent(m).content });
      return target.replyTo;
    }
    let msgType: ReturnType<typeof toLarkContent>['msgType'];
    let content: string;
    if (row.kind === 'file') {
      const f = JSON.parse(row.payload) as { fileName: string; fileType: FileType };
      if (!row.blob) throw new LarkApiError('file row has no bytes', { retryable: false });
      const { fileKey } = await api.uploadFile({ fileName: f.fileName, fileType: f.fileType, data: Buffer.from(row.blob) });
      msgType = 'file';
      content = JSON.stringify({ file_key: fileKey });
    } else {
      ({ msgType, content } = toLarkContent(JSON.parse(row.payload) as OutMessage));
    }
    if ('replyTo' in target) return (await api.replyMessage({ messageId: target.replyTo, msgType, content, uuid: row.uuid })).messageId;
    const [receiveIdType, receiveId] = 'chatId' in target ? (['chat_id', target.chatId] as const) : (['open_id', target.openId] as const);
    return (await api.sendMessage({ receiveIdType, receiveId, msgType, content, uuid: row.uuid })).messageId;
  }
}
