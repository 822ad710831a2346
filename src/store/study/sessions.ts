import type { Db } from '../database.js';
import type { StudyAttendance, StudySession } from '../../generated/prisma/client.js';
import { AppError } from '../../errors.js';
import { assertYearOpen } from '../report/year-seal.js';

export type { StudySession };

/** Opens a session once per source (the command's message): a redelivered command finds the first one. */
export async function openStudySession(
  db: Db,
  session: { topic: string; chatId: string; openedBy: string; heldDate: string; openedAt: Date; sourceKey: string },
): Promise<StudySession> {
  const existing = await db.studySession.findUnique({ where: { sourceKey: session.sourceKey } });
  if (existing) return existing;
  await assertYearOpen(db, Number(session.heldDate.slice(0, 4)), `新开${session.heldDate.slice(0, 4)}年的会前学法`);
  return db.studySession.upsert({ where: { sourceKey: session.sourceKey }, create: session, update: {} });
}

/** The session a card's button names, or a clear error when the value is stale or forged. */
export async function getStudySession(db: Db, value: unknown): Promise<StudySession> {
  const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  const session = Number.isInteger(id) ? await db.studySession.findUnique({ where: { id } }) : null;
  if (!session) throw new AppError('not_found', '未找到该次学法记录，卡片可能已失效');
  return session;
}

/** Remembers the card's message id the first time a callback tells it. */
export async function rememberCardMessage(db: Db, session: StudySession, messageId: string): Promise<void> {
  if (session.cardMessageId || !messageId) return;
  await db.studySession.updateMany({ where: { id: session.id, cardMessageId: null }, data: { cardMessageId: messageId } });
}

export async function studySessionById(db: Db, id: number): Promise<StudySession> {
  return db.studySession.findUniqueOrThrow({ where: { id } });
}

/** A session's records, in the order they were last changed. */
export async function attendanceOf(db: Db, sessionId: number): Promise<StudyAttendance[]> {
  return db.studyAttendance.findMany({ where: { sessionId }, orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }] });
}

/** Open sessions held before `day` ('YYYY-MM-DD'): their day has ended. */
export async function openSessionsBefore(db: Db, day: string): Promise<StudySession[]> {
  return db.studySession.findMany({ where: { closedAt: null, heldDate: { lt: day } }, orderBy: { id: 'asc' } });
}
