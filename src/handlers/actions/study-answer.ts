import { AppError } from '../../errors.js';
import { getStudySession, rememberCardMessage, type StudySession } from '../../store/study/sessions.js';
import { loadSessionView } from '../study/session-view.js';
import { studySessionCard } from '../../presentation/cards/study-session-card.js';
import type { ActionContext, HandlerContext } from '../../bot/context.js';
import type { CardAnswer } from '../../bot/card-answer.js';

/** The session the clicked card belongs to; remembers the card's message for later updates. */
export async function clickedSession(ctx: ActionContext): Promise<StudySession> {
  const session = await getStudySession(ctx.db, ctx.action.value.session);
  await rememberCardMessage(ctx.db, session, ctx.messageId);
  return session;
}

/** A toast with the session's card as the store has it now. */
export async function answerWithCard(ctx: ActionContext, session: number | StudySession, toast: NonNullable<CardAnswer['toast']>): Promise<CardAnswer> {
  const view = await loadSessionView(ctx.db, ctx.directory, session, ctx.clock.now());
  return { toast, card: studySessionCard(view, ctx.config.BOT_TIMEZONE) };
}

export function requireAdmin(ctx: HandlerContext, what: string): void {
  if (!ctx.user.isAdmin) throw new AppError('forbidden', `仅管理员可${what}`);
}
