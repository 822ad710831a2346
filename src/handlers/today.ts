import { dayIn } from '../domain/dates/days.js';
import type { HandlerContext } from '../bot/context.js';

/** Today ('YYYY-MM-DD') in BOT_TIMEZONE, by the handler's clock. */
export function todayOf(ctx: Pick<HandlerContext, 'clock' | 'config'>): string {
  return dayIn(ctx.clock.now(), ctx.config.BOT_TIMEZONE);
}
