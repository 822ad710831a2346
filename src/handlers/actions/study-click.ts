import { clickToast, type ClickWish } from '../../domain/study/attendance.js';
import { recordClick } from '../../store/study/attendance.js';
import { AppError } from '../../errors.js';
import type { ActionContext } from '../../bot/context.js';
import type { CardAnswer } from '../../bot/card-answer.js';
import { answerWithCard, clickedSession } from './study-answer.js';
import { refreshCardSoon } from './study-card-refresh.js';

const CLOSED = '本次学法已结束，如需补签请联系管理员';

/** 签到 or 请假: stored once per person, answered with the new card and a toast. */
export async function studyClick(ctx: ActionContext, wish: ClickWish): Promise<CardAnswer> {
  const session = await clickedSession(ctx);
  if (session.closedAt) return answerWithCard(ctx, session, { type: 'warning', content: CLOSED });
  const outcome = await recordClick(ctx.db, { sessionId: session.id, openId: ctx.user.openId, wish });
  switch (outcome.kind) {
    case 'invalid':
      throw new AppError('invalid_input', outcome.message, { field: outcome.field });
    case 'refused':
      return answerWithCard(ctx, session, { type: 'warning', content: outcome.message });
    case 'unchanged':
      return answerWithCard(ctx, session, { type: 'info', content: outcome.message });
    default:
      refreshCardSoon(ctx, session.id);
      return answerWithCard(ctx, session, { type: 'success', content: clickToast(outcome, wish) });
  }
}
