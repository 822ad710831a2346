import type { Db } from '../database.js';
import type { Directory } from '../../handlers/types.js';
import { shortId } from '../users.js';
import { namesForCard } from './names.js';
import type { AttendanceStatus } from '../../domain/study/attendance.js';
import type { StudySession } from './sessions.js';

export interface AttendeeView {
  openId: string;
  name: string;
  status: AttendanceStatus;
  makeup: boolean;
  reason: string | null;
  note: string | null;
}

/** What a session's card shows: the session, who opened it and every record with a name. */
export interface StudySessionView {
  session: StudySession;
  openerName: string;
  attendees: AttendeeView[];
}

/**
 * Reads a session (pass the row when just read, to spare a query) with names: the users table first; only people not yet known there are
 * looked up (contact API, then the chat's member list).
 */
export async function loadSessionView(db: Db, directory: Directory, sessionOrId: number | StudySession, now: Date): Promise<StudySessionView> {
  const session = typeof sessionOrId === 'number' ? await db.studySession.findUniqueOrThrow({ where: { id: sessionOrId } }) : sessionOrId;
  const sessionId = session.id;
  const rows = await db.studyAttendance.findMany({ where: { sessionId }, orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }] });
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
