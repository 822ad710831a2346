import type { Db } from '../database.js';
import type { StudySession } from '../../generated/prisma/client.js';
import { AppError } from '../../errors.js';

export type { StudySession };

/** The outbox `ref` of a session's card, so its Lark message id can be found after sending. */
export const studyCardRef = (sessionId: number): string => `study:${sessionId}`;

/** Opens a session once per source (the command's message): a redelivered command finds the first one. */
export async function openStudySession(
  db: Db,
  o: { topic: string; chatId: string; openedBy: string; heldDate: string; openedAt: Date; sourceKey: string },
): Promise<StudySession> {
  return db.studySession.upsert({ where: { sourceKey: o.sourceKey }, create: o, update: {} });
}

/** The session a card's button names, or a clear error when the value is stale or forged. */
export async function getStudySession(db: Db, value: unknown): Promise<StudySession> {
  const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  const s = Number.isInteger(id) ? await db.studySession.findUnique({ where: { id } }) : null;
  if (!s) throw new AppError('not_found', '未找到该次学法记录，卡片可能已失效');
  return s;
}

/** Remembers the card's message id the first time a callback tells it. */
export async function rememberCardMessage(db: Db, session: StudySession, messageId: string): Promise<void> {
  if (session.cardMessageId || !messageId) return;
  await db.studySession.updateMany({ where: { id: session.id, cardMessageId: null }, data: { cardMessageId: messageId } });
}

/** The Lark message holding the session's card: remembered from a callback, else what the outbox got back. */
export async function cardMessageIdOf(db: Db, session: StudySession): Promise<string | undefined> {
  if (session.cardMessageId) return session.cardMessageId;
  const sent = await db.outboxMessage.findFirst({ where: { ref: studyCardRef(session.id), messageId: { not: null } }, orderBy: { id: 'asc' } });
  return sent?.messageId ?? undefined;
}

/** True once the session's card is stored for sending (a second command for it sends nothing). */
export async function cardQueued(db: Db, sessionId: number): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { ref: studyCardRef(sessionId) } })) > 0;
}
