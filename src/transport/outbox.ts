import type { Db } from '../store/database.js';
import type { OutboxRow } from '../store/sql/queue-sql.js';
import { decodeTarget, type OutMessage, type Target } from '../bot/message.js';
import { stableUuid } from '../bot/stable-uuid.js';
import type { FileType } from '../bot/file.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import { PollLoop } from '../util/poll-loop.js';
import { settledWithin } from '../util/within.js';
import { LarkApiError, type LarkApi } from './lark-api.js';
import { toLarkContent } from './lark-content.js';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this long since the message was stored, stop trying and record why. */
  giveUpAfterMs: number;
  /** A claimed row whose sender died is claimed again after this long. */
  leaseMs: number;
}

/** Keeps trying for 48 hours: a long Lark outage (or a weekend nobody noticed) loses nothing. */
export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, giveUpAfterMs: 48 * 3600_000, leaseMs: 60_000 };

/** Sends in flight at most: Lark rate-limits per app, and a backlog after an outage must not burst. */
export const MAX_CONCURRENT_SENDS = 8;

/** Exponential backoff with jitter: half fixed, half random, so retries of many rows spread out. */
export function backoffDelay(attempt: number, p: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
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
  /** How long stop() waits for sends in flight before handing their rows back (default DRAIN_MS). */
  drainMs?: number;
  /** Senders of rows that are not messages (cloud documents, Base records), by kind; what they return is kept as the row's result. */
  senders?: Partial<Record<string, (row: OutboxRow) => Promise<string | undefined>>>;
}

/**
 * Well inside the 15 s after which the server process exits anyway (main.ts), which is also the
 * SDK's request timeout: a hung send must not decide whether the shutdown is clean.
 */
export const DRAIN_MS = 5_000;

/** A send in flight: `answered` once Lark answered (then only the record is left to write). */
interface InFlight {
  settled: Promise<unknown>;
  answered: boolean;
  handedBack: boolean;
}

/** Sends stored messages through the Lark API; retries what may succeed later; survives restarts. */
export class OutboxWorker {
  private readonly policy: RetryPolicy;
  private readonly loop: PollLoop;
  private readonly inflight = new Map<number, InFlight>();

  constructor(private readonly options: OutboxWorkerOptions) {
    this.policy = { ...DEFAULT_RETRY, ...options.policy };
    this.loop = new PollLoop({ name: 'outbox', pollMs: options.pollMs ?? 1_000, log: options.log, runOnce: () => this.runOnce() });
  }

  start(): void {
    this.loop.start();
  }

  /**
   * Finishes the sends in hand, then stops. Rows not yet sent stay stored for the next start.
   * A send with no answer after the drain is handed back (pending, due at once) rather than left
   * 'sending' until its lease runs out: nobody can know whether it reached Lark, and the next
   * start (or another replica) sends it again with the same uuid, which Lark deduplicates.
   */
  async stop(): Promise<void> {
    await this.loop.stop();
    if (await settledWithin([...this.inflight.values()].map((f) => f.settled), this.options.drainMs ?? DRAIN_MS)) return;
    for (const [id, f] of this.inflight) {
      if (f.answered) continue;
      f.handedBack = true;
      // Due at the epoch: at once whatever the next run's clock says (as a new row is).
      await this.options.db.queues.outbox.markFailed(id, { reason: 'stopped before Lark answered; sent again with the same uuid', nextAttemptAt: new Date(0) });
      this.options.log.warn({ outbox: id }, 'outbox send still in flight at stop; handed back');
    }
    // Those Lark answered are only being recorded: a moment.
    await Promise.allSettled([...this.inflight.values()].filter((f) => f.answered).map((f) => f.settled));
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
    const { db } = this.options;
    const now = this.options.clock.now();
    const room = (this.options.maxConcurrent ?? MAX_CONCURRENT_SENDS) - this.inflight.size;
    if (room <= 0) return 0;
    const claimed = await db.queues.outbox.claimDue(now, room, new Date(now.getTime() + this.policy.leaseMs));
    let started = 0;
    for (const row of claimed) {
      started++;
      const f: InFlight = { settled: Promise.resolve(), answered: false, handedBack: false };
      f.settled = this.deliver(row, f)
        .catch((e: unknown) => this.options.log.error({ outbox: row.id, err: (e as Error).message }, 'outbox send could not be recorded'))
        .finally(() => {
          this.inflight.delete(row.id);
          this.loop.wake();
        });
      this.inflight.set(row.id, f);
    }
    return started;
  }

  private async deliver(row: OutboxRow, f: InFlight): Promise<boolean> {
    const { db, log } = this.options;
    const attempt = row.attempts + 1;
    const answer = await this.send(row).then(
      (messageId) => ({ ok: true as const, messageId }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    // Handed back at stop: the row is someone else's now (and the database may be closed).
    if (f.handedBack) return false;
    f.answered = true;
    try {
      if (!answer.ok) throw answer.e;
      const { messageId } = answer;
      await db.queues.outbox.markSent(row.id, this.options.clock.now(), messageId ?? null);
      log.debug({ outbox: row.id, uuid: row.uuid, attempt }, 'outbox sent');
      return true;
    } catch (e) {
      const err = e instanceof LarkApiError ? e : new LarkApiError((e as Error).message, { retryable: false });
      const now = this.options.clock.now();
      const age = now.getTime() - row.createdAt.getTime();
      const retry = err.retryable && age < this.policy.giveUpAfterMs;
      const reason = retry ? err.message : err.retryable ? `gave up after ${attempt} attempts over ${Math.round(age / 1000)} s: ${err.message}` : `not retryable: ${err.message}`;
      const nextAttemptAt = retry ? new Date(now.getTime() + backoffDelay(attempt, this.policy)) : undefined;
      await db.queues.outbox.markFailed(row.id, { reason, ...(nextAttemptAt ? { nextAttemptAt } : {}) });
      log[retry ? 'warn' : 'error']({ outbox: row.id, uuid: row.uuid, attempt, err: reason }, retry ? 'outbox send failed, will retry' : 'outbox gave up');
      return false;
    }
  }

  private async send(row: OutboxRow): Promise<string | undefined> {
    const { api } = this.options;
    const other = this.options.senders?.[row.kind];
    if (other) return other(row);
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
      const m = JSON.parse(row.payload) as OutMessage;
      ({ msgType, content } = toLarkContent(m));
      if (m.type === 'card' && m.fallback !== undefined) {
        try {
          return await this.post(target, msgType, content, row.uuid);
        } catch (e) {
          // Refused for good (e.g. a client or tenant that cannot take this card): say it as text.
          if (!(e instanceof LarkApiError) || e.retryable) throw e;
          this.options.log.warn({ outbox: row.id, err: e.message }, 'card refused; sending its text fallback');
          const text = toLarkContent({ type: 'text', text: m.fallback });
          return this.post(target, text.msgType, text.content, stableUuid(`${row.uuid}:text`));
        }
      }
    }
    return this.post(target, msgType, content, row.uuid);
  }

  private async post(target: Target, msgType: ReturnType<typeof toLarkContent>['msgType'], content: string, uuid: string): Promise<string> {
    const { api } = this.options;
    if ('replyTo' in target) return (await api.replyMessage({ messageId: target.replyTo, msgType, content, uuid })).messageId;
    const [receiveIdType, receiveId] = 'chatId' in target ? (['chat_id', target.chatId] as const) : (['open_id', target.openId] as const);
    return (await api.sendMessage({ receiveIdType, receiveId, msgType, content, uuid })).messageId;
  }
}

