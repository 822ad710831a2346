import type { Clock } from '../clock.js';
import type { Db } from '../store/database.js';
import type { Logger } from '../logger.js';
import type { CardAnswer } from '../bot/card-answer.js';
import type { InboxRow } from '../store/sql/queue-sql.js';
import { withoutSecrets, type Envelope } from './verify.js';
import { isBusyError, retryBusy } from '../store/busy-error.js';
import { yieldToEventLoop } from '../util/in-order.js';
import { PollLoop } from '../util/poll-loop.js';
import { timeStep } from '../util/step-timings.js';
import { within } from '../util/within.js';

/** What a receiver (webhook, long connection, local chat) answers the platform. */
export type Ack = { challenge: string } | { toast?: CardAnswer['toast']; card?: { type: 'raw'; data: Record<string, unknown> } } | Record<string, never>;

export interface EventHandlers {
  /** Handles an event after it was acknowledged. */
  handleEvent(row: { eventId: string; type: string; payload: Record<string, unknown> }): Promise<void>;
  /** Called once when an event's handling failed for good (e.g. to tell the sender). */
  handleGiveUp?(row: { eventId: string; type: string; payload: Record<string, unknown> }): Promise<void>;
  /** Handles a card callback while the platform waits for the answer. */
  handleCardAction(row: { eventId: string; payload: Record<string, unknown> }): Promise<CardAnswer>;
}

export interface DispatcherOptions {
  db: Db;
  log: Logger;
  clock: Clock;
  handlers: EventHandlers;
  /** A card callback not answered by then is acknowledged empty; its work goes on. */
  cardAnswerBudgetMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Pause before the second attempt of a failed event; each later one waits four times longer. */
  retryBaseMs?: number;
  pollMs?: number;
  /** Chats handled side by side at most; each chat's events one after another. */
  maxLanes?: number;
  /** Called for every event offered: stored, or refused as a redelivery (counted in /metrics). */
  onEvent?: (type: string, outcome: 'stored' | 'duplicate') => void;
}

export const CARD_ACTION = 'card.action.trigger';

/**
 * How long a handler that meets another process in its way (PostgreSQL replicas: a deadlock or
 * serialization failure) is tried again in its event's place before the lane moves on.
 */
const IN_PLACE_BUSY_MS = 5_000;
/** Rows a lane reads at a time. */
const LANE_BATCH = 20;

/** The JSON text of an answer stored for replays: sent as stored, not written out again. */
const ackTexts = new WeakMap<Ack, string>();

/** An answer's JSON body: the stored text of a card callback's answer, or the answer written out. */
export function ackBody(ack: Ack): string {
  return ackTexts.get(ack) ?? JSON.stringify(ack);
}

function withText(ack: Ack, text: string): Ack {
  ackTexts.set(ack, text);
  return ack;
}

function toAck(answer: CardAnswer): Ack {
  return {
    ...(answer.toast ? { toast: answer.toast } : {}),
    ...(answer.card ? { card: { type: 'raw' as const, data: answer.card } } : {}),
  };
}

/**
 * The one place every verified event goes through, whatever carried it: store in the
 * inbox (dedupe by event_id), answer, then handle. Receivers call `receive`.
 */
export class Dispatcher {
  private readonly inflight = new Set<Promise<unknown>>();
  /** Chats whose lane is running (see runOnce). */
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly loop: PollLoop;
  private stopping = false;

  constructor(private readonly options: DispatcherOptions) {
    this.loop = new PollLoop({ name: 'inbox', pollMs: options.pollMs ?? 1_000, log: options.log, runOnce: () => this.runOnce() });
  }

  private get leaseMs() {
    return this.options.leaseMs ?? 60_000;
  }

  async receive(env: Envelope): Promise<Ack> {
    if (env.kind === 'challenge') return { challenge: env.challenge };
    const payload = JSON.stringify(withoutSecrets(env.payload));
    const { queues } = this.options.db;
    const log = this.options.log.child({ eventId: env.eventId });
    if (env.eventType === CARD_ACTION) {
      const row = await timeStep('inbox', () =>
        queues.inbox.insert({
          eventId: env.eventId,
          type: env.eventType,
          payload,
          // A lane of its own: answered inline, a callback never holds up the chat's messages.
          lane: `card:${laneOf(payload, env.eventId)}`,
          now: this.options.clock.now(),
          claimed: { leaseUntil: new Date(this.options.clock.now().getTime() + this.leaseMs) },
        }),
      );
      this.options.onEvent?.(env.eventType, row ? 'stored' : 'duplicate');
      if (!row) {
        log.info('duplicate card callback; replaying the stored answer');
        const stored = await queues.inbox.storedResponse(env.eventId);
        return stored ? withText(JSON.parse(stored) as Ack, stored) : {};
      }
      return this.answerCardAction(row, env.payload as unknown as Record<string, unknown>, log);
    }
    const lane = laneOf(payload, env.eventId);
    const row = await queues.inbox.insert({ eventId: env.eventId, type: env.eventType, payload, lane, now: this.options.clock.now() });
    this.options.onEvent?.(env.eventType, row ? 'stored' : 'duplicate');
    if (!row) log.info('duplicate event ignored');
    // A chat whose lane runs gets this event when the lane finishes (it wakes the loop then):
    // looking now would read the chat's backlog for nothing, once per message of a busy group.
    else if (!this.lanes.has(lane)) this.loop.wake();
    return {};
  }

  private async answerCardAction(row: InboxRow, payload: Record<string, unknown>, log: Logger): Promise<Ack> {
    const work = this.track(this.runCardAction(row, payload, log));
    const budget = this.options.cardAnswerBudgetMs ?? 2_500;
    const answer = await within(work, budget, undefined);
    if (answer === undefined) log.warn({ budgetMs: budget }, 'card callback not answered in time; finishing after the ack');
    return answer ?? {};
  }

  /** `payload` is the verified event itself: the stored copy need not be parsed again. */
  private async runCardAction(row: InboxRow, payload: Record<string, unknown>, log: Logger): Promise<Ack> {
    const { queues } = this.options.db;
    try {
      // Another replica in the way is waited out, not reported to the user as a failure.
      const answer = await timeStep('handler', () => retryBusy(() => this.options.handlers.handleCardAction({ eventId: row.eventId, payload })));
      return await timeStep('answer', async () => {
        const ack = toAck(answer);
        const text = JSON.stringify(ack);
        await queues.inbox.complete(row.id, this.options.clock.now(), text);
        return withText(ack, text);
      });
    } catch (e) {
      log.error({ err: (e as Error).message }, 'card action failed');
      await queues.inbox.fail(row.id, { error: (e as Error).message, final: true, now: this.options.clock.now() }).catch((err: unknown) =>
        log.error({ err: (err as Error).message }, 'could not record the failure'),
      );
      return { toast: { type: 'error', content: '处理失败，请稍后重试' } };
    }
  }

  /** Starts handling stored events: what is pending now (left by a crash) and what arrives. */
  start(): void {
    this.loop.start();
  }

  /**
   * Stops taking new rows and waits for the ones in hand: at most one per lane, since a lane
   * claims its rows one at a time. The rest stay pending for the next start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
    await Promise.allSettled([...this.inflight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    // then(f, f), not finally(f): finally's promise would reject with p and, unawaited, end the process.
    const forget = () => void this.inflight.delete(p);
    p.then(forget, forget);
    return p;
  }

  /**
   * Starts handling due rows: each chat in a lane of its own (its events one after another,
   * in the order they came), chats side by side. The look-up finds each chat's oldest due row
   * (fair: one chat's backlog never hides another's first event); each lane then takes its own
   * rows until none is left. Returns without waiting for the lanes, so a slow handler holds up
   * only its own chat.
   */
  async runOnce(): Promise<number> {
    const { db, clock, log } = this.options;
    // Every lane busy: no row could start. The lane that finishes first wakes the loop; looking
    // now (every stored event wakes it) would read for nothing.
    if (this.stopping || this.lanes.size >= this.maxLanes) return 0;
    const heads = await db.queues.inbox.findDueLanes(clock.now(), this.maxLanes);
    let started = 0;
    for (const head of heads) {
      if (this.lanes.has(head.lane)) continue;
      if (this.lanes.size >= this.maxLanes || this.stopping) break;
      const lane = this.runLane(head)
        .catch((e: unknown) => log.error({ err: (e as Error).message }, 'inbox lane failed'))
        .finally(() => {
          this.lanes.delete(head.lane);
          this.loop.wake();
        });
      this.lanes.set(head.lane, lane);
      this.track(lane);
      started++;
    }
    return started;
  }

  /** Handles a chat's due rows in order, from `head` on, until none is left or the bot stops. */
  private async runLane(head: InboxRow): Promise<void> {
    const { db, clock } = this.options;
    let rows = [head];
    while (rows.length) {
      for (const row of rows) {
        // Stopping: what is not started stays pending, due again at the next start.
        if (this.stopping) return;
        await yieldToEventLoop();
        // The payload comes with the claim: finding due rows reads none.
        const payload = await db.queues.inbox.claim(row.id, clock.now(), this.leaseMs);
        // Taken by another replica, or one holds an earlier row of this chat: the lane is theirs.
        if (payload === undefined) return;
        // Claimed this often already and never finished: the handler brings the process down.
        if (row.status === 'processing' && row.attempts >= this.maxAttempts) await this.giveUp(row, payload, `not finished after ${row.attempts} attempts (the process stopped while handling it)`);
        else await this.handleRow(row, payload);
      }
      rows = await db.queues.inbox.findDueInLane(head.lane, clock.now(), LANE_BATCH);
    }
  }

  private get maxLanes(): number {
    return this.options.maxLanes ?? 16;
  }

  private get maxAttempts(): number {
    return this.options.maxAttempts ?? 3;
  }

  private async giveUp(row: InboxRow, stored: string, error: string): Promise<void> {
    const log = this.options.log.child({ eventId: row.eventId });
    log.error({ attempts: row.attempts }, `event given up: ${error}`);
    await this.options.db.queues.inbox.fail(row.id, { error, final: true, now: this.options.clock.now() });
    const payload = JSON.parse(stored) as Record<string, unknown>;
    await this.options.handlers.handleGiveUp?.({ eventId: row.eventId, type: row.type, payload }).catch((err: unknown) => log.error({ err: (err as Error).message }, 'could not tell the sender'));
  }

  private async handleRow(row: InboxRow, stored: string): Promise<void> {
    const { db, clock, handlers } = this.options;
    const log = this.options.log.child({ eventId: row.eventId });
    const payload = JSON.parse(stored) as Record<string, unknown>;
    try {
      // Another replica in the way (PostgreSQL) is waited out here, in the event's place: the
      // lane goes on only after it, so the chat's replies keep their order. Handlers may run
      // again: what they store is keyed by the event.
      await retryBusy<unknown>(() => (row.type === CARD_ACTION ? handlers.handleCardAction({ eventId: row.eventId, payload }) : handlers.handleEvent({ eventId: row.eventId, type: row.type, payload })), IN_PLACE_BUSY_MS);
      await db.queues.inbox.complete(row.id, clock.now());
    } catch (e) {
      const attempts = row.attempts + 1;
      // A busy database is no fault of the event: it gets more attempts, soon (within a bound,
      // so a database that stays locked still ends in an answer).
      const busy = isBusyError(e) && attempts < this.maxAttempts * 5;
      const final = !busy && attempts >= this.maxAttempts;
      log.error({ err: (e as Error).message, attempts, final, busy }, 'event handler failed');
      const now = clock.now();
      const wait = busy ? 500 : (this.options.retryBaseMs ?? 1_000) * 4 ** (attempts - 1);
      await db.queues.inbox.fail(row.id, { error: (e as Error).message, final, now, retryAt: new Date(now.getTime() + wait) });
      if (final) await handlers.handleGiveUp?.({ eventId: row.eventId, type: row.type, payload }).catch((err: unknown) => log.error({ err: (err as Error).message }, 'could not tell the sender'));
    }
  }
}

/**
 * The lane of an event: its chat, found without parsing the payload. A bot menu tap names no
 * chat, only the person (its answers go to their direct chat): their taps are kept in order.
 */
function laneOf(payload: string, eventId: string): string {
  const m = /"(?:chat_id|open_chat_id)":"([^"]+)"/.exec(payload) ?? /"open_id":"([^"]+)"/.exec(payload);
  return m ? m[1]! : eventId;
}
