import { clickToast, type ClickWish } from '../../domain/study/attendance.js';
import { recordClick } from '../../store/study/attendance.js';
import { namesForCard } from '../../store/study/names.js';
import { AppError } from '../../errors.js';
import type { ActionContext, CardAnswer } from '../types.js';
import { answerWithCard, clickedSession } from './study-answer.js';
import { refreshCardSoon } from './study-card-refresh.js';

const CLOSED = '本次学法已结束，如需补签请联系管理员';

/** 签到 or 请假: stored once per person, answered with the new card and a toast. */
export async function studyClick(ctx: ActionContext, wish: ClickWish): Promise<CardAnswer> {
  const session = await clickedSession(ctx);
  if (session.closedAt) return answerWithCard(ctx, session.id, { type: 'warning', content: CLOSED });
  const now = ctx.clock.now();
  // The clicker's name is looked up meanwhile, so the card can show it without a second trip.
  const [outcome] = await Promise.all([
    recordClick(ctx.db, { sessionId: session.id, openId: ctx.user.openId, wish }),
    namesForCard(ctx.db, ctx.directory, [ctx.user.openId], { chatId: session.chatId, now }),
  ]);
  switch (outcome.kind) {
    case 'invalid':
      throw new AppError('invalid_input', outcome.message, { field: outcome.field });
    case 'refused':
      return answerWithCard(ctx, session.id, { type: 'warning', content: outcome.message });
    case 'unchanged':
      return answerWithCard(ctx, session.id, { type: 'info', content: outcome.message });
    default:
      refreshCardSoon(ctx, session.id);
      return answerWithCard(ctx, session.id, { type: 'success', content: clickToast(outcome, wish) });
  }
}
