import { clickToast, type ClickWish } from '../../domain/study/attendance.js';
import { recordClick } from '../../store/study/attendance.js';
import { AppError } from '../../errors.js';
import type { ActionContext } from '../../bot/context.js';
import type { CardAnswer } from '../../bot/card-answer.js';
import { answerWithCard, clickedSession } from './study-answer.js';
import { refreshCardSoon } from './study-card-refresh.js';

const CLOSED = '本次学法已结束，如需补签请联系管理员';
const OUTSIDER = '本次学法仅限本群成员签到或请假';

/**
 * A card forwarded elsewhere still carries its buttons: clicks from another chat count only
 * for members of the session's own chat. Clicks in that chat need no look-up.
 */
async function clickerBelongs(ctx: ActionContext, sessionChatId: string): Promise<boolean> {
  if (ctx.chat.chatId === sessionChatId) return true;
  return (await ctx.directory.chatMembers(sessionChatId)).some((m) => m.openId === ctx.user.openId);
}

/** 签到 or 请假: stored once per person, answered with the new card and a toast. */
export async function studyClick(ctx: ActionContext, wish: ClickWish): Promise<CardAnswer> {
  const session = await clickedSession(ctx);
  if (session.closedAt) return answerWithCard(ctx, session, { type: 'warning', content: CLOSED });
  if (!(await clickerBelongs(ctx, session.chatId))) return { toast: { type: 'warning', content: OUTSIDER } };
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
