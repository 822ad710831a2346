import type { Db } from '../database.js';
import type { Directory } from '../../handlers/types.js';
import { resolveName, resolveNames, shortId } from '../users.js';
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
 * Reads a session with names. Names come from the users table in one query; only people
 * not yet known there are looked up (contact API, then the chat's member list).
 */
export async function loadSessionView(db: Db, directory: Directory, sessionId: number, now: Date): Promise<StudySessionView> {
  const session = await db.studySession.findUniqueOrThrow({ where: { id: sessionId } });
  const rows = await db.studyAttendance.findMany({ where: { sessionId }, orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }] });
  const ids = [session.openedBy, ...rows.map((r) => r.openId)];
  const known = new Map((await db.user.findMany({ where: { openId: { in: ids } }, select: { openId: true, name: true } })).map((u) => [u.openId, u.name]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) for (const [id, name] of await resolveNames(db, directory, unknown, { chatId: session.chatId, now })) known.set(id, name);
  return {
    session,
    openerName: known.get(session.openedBy) ?? (await resolveName(db, directory, session.openedBy, { chatId: session.chatId, now })),
    attendees: rows.map((r) => ({
      openId: r.openId,
      name: known.get(r.openId) ?? shortId(r.openId),
      status: r.status as AttendanceStatus,
      makeup: r.makeup,
      reason: r.reason,
      note: r.note,
    })),
  };
}
