import type { Db } from '../../store/database.js';
import { loadSessionView } from '../../store/study/session-view.js';
import { studySessionCard } from '../../presentation/cards/study-session-card.js';
import type { ActionContext } from '../types.js';

/** Quiet time after the last click of a burst before the card is redrawn once. */
export const REFRESH_DELAY_MS = 1_000;

const pending = new WeakMap<Db, Map<number, NodeJS.Timeout>>();

/**
 * Each click is answered with the card as that click saw it; when thirty people click at
 * once, the answers may reach Lark out of order and leave an older count on screen. So
 * after a burst the card is patched once more from the store.
 */
export function refreshCardSoon(ctx: ActionContext, sessionId: number): void {
  if (!ctx.messageId) return;
  const timers = pending.get(ctx.db) ?? new Map<number, NodeJS.Timeout>();
  pending.set(ctx.db, timers);
  clearTimeout(timers.get(sessionId));
  const timer = setTimeout(() => {
    timers.delete(sessionId);
    loadSessionView(ctx.db, ctx.directory, sessionId, ctx.clock.now())
      .then((view) => ctx.updateCard(ctx.messageId, studySessionCard(view, ctx.config.BOT_TIMEZONE)))
      .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message, sessionId }, 'study card refresh failed'));
  }, REFRESH_DELAY_MS);
  timer.unref();
  timers.set(sessionId, timer);
}
