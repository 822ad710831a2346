import type { ActionContext } from '../../bot/context.js';
import { studySessionCard } from '../../presentation/cards/study-session-card.js';
import { loadSessionView } from '../study/session-view.js';

/** Quiet time after the last click of a burst before the card is redrawn once. */
export const REFRESH_DELAY_MS = 1_000;

/**
 * Each click is answered with the card as that click saw it; when thirty people click at
 * once, the answers may reach Lark out of order and leave an older count on screen. So
 * after a burst the card is patched once more from the store. The timer is the bot's
 * (`ctx.timers`), so stopping the bot drops it.
 */
export function refreshCardSoon(ctx: ActionContext, sessionId: number): void {
  if (!ctx.messageId) return;
  ctx.timers.debounce(`study-card:${sessionId}`, REFRESH_DELAY_MS, () => {
    loadSessionView(ctx.db, ctx.directory, sessionId, ctx.clock.now())
      .then((view) => ctx.updateCard(ctx.messageId, studySessionCard(view, ctx.config.BOT_TIMEZONE)))
      .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message, sessionId }, 'study card refresh failed'));
  });
}
