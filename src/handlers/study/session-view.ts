import type { Directory } from '../../bot/people.js';
import type { AttendanceStatus } from '../../domain/study/attendance.js';
import type { StudySessionView } from '../../domain/study/session-view.js';
import { shortId } from '../../domain/people/open-id.js';
import type { Db } from '../../store/database.js';
import { attendanceOf, studySessionById, type StudySession } from '../../store/study/sessions.js';
import { namesForCard } from '../people/names-for-card.js';

/**
 * Reads a session (pass the row when just read, to spare a query) with names: the users table first; only people not yet known there are
 * looked up (contact API, then the chat's member list).
 */
export async function loadSessionView(db: Db, directory: Directory, sessionOrId: number | StudySession, now: Date): Promise<StudySessionView> {
  const session = typeof sessionOrId === 'number' ? await studySessionById(db, sessionOrId) : sessionOrId;
  const sessionId = session.id;
  const rows = await attendanceOf(db, sessionId);
  const names = await namesForCard(db, directory, [session.openedBy, ...rows.map((r) => r.openId)], { chatId: session.chatId, now });
  const nameOf = (id: string) => names.get(id) ?? shortId(id);
  return {
    session,
    openerName: nameOf(session.openedBy),
    attendees: rows.map((r) => ({
      openId: r.openId,
      name: nameOf(r.openId),
      status: r.status as AttendanceStatus,
      makeup: r.makeup,
      reason: r.reason,
      note: r.note,
    })),
  };
}
