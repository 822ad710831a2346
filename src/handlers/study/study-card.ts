import type { Db } from '../../store/database.js';
import { outboxHasRef, sentMessageIdByRef } from '../../store/outbox-refs.js';
import type { StudySession } from '../../store/study/sessions.js';

/** The outbox `ref` of a session's card, so its Lark message id can be found after sending. */
export const studyCardRef = (sessionId: number): string => `study:${sessionId}`;

/** The Lark message holding the session's card: remembered from a callback, else what the outbox got back. */
export async function cardMessageIdOf(db: Db, session: StudySession): Promise<string | undefined> {
  return session.cardMessageId ?? sentMessageIdByRef(db, studyCardRef(session.id));
}

/** True once the session's card is stored for sending (a second command for it sends nothing). */
export function cardQueued(db: Db, sessionId: number): Promise<boolean> {
  return outboxHasRef(db, studyCardRef(sessionId));
}
