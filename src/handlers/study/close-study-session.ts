import type { Directory } from '../../bot/people.js';
import type { Db } from '../../store/database.js';
import { closeSessionWithAbsentees } from '../../store/study/close-session.js';
import { rememberMemberNames } from '../../store/study/names.js';
import type { StudySession } from '../../store/study/sessions.js';

/**
 * Closes a session and snapshots who was missing. The chat's member list is read first, so
 * a failing contact API leaves the session open (to be closed again later) rather than
 * closed with nobody missing. `closed` is false when it was already closed.
 */
export async function closeStudySession(db: Db, directory: Directory, session: StudySession, now: Date): Promise<{ closed: boolean; absent: number }> {
  if (session.closedAt) return { closed: false, absent: 0 };
  const members = await directory.chatMembers(session.chatId);
  const result = await closeSessionWithAbsentees(db, session, members, now);
  // Member names, so cards and statistics can show the absentees without another look-up.
  if (result.closed) await rememberMemberNames(db, members);
  return result;
}
