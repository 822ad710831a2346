import type { Db } from '../database.js';
import type { StudySession } from './sessions.js';

/**
 * Closes a session and records who was missing: every one of `members` with neither 签到
 * nor 请假 gets an `absent` record. The caller reads the member list first, so a failing
 * contact API leaves the session open (to be closed again later) rather than closed with
 * nobody missing. `closed` is false when it was already closed.
 */
export async function closeSessionWithAbsentees(
  db: Db,
  session: StudySession,
  members: Array<{ openId: string }>,
  now: Date,
): Promise<{ closed: boolean; absent: number }> {
  if (session.closedAt) return { closed: false, absent: 0 };
  const { count } = await db.studySession.updateMany({ where: { id: session.id, closedAt: null }, data: { closedAt: now } });
  if (count === 0) return { closed: false, absent: 0 };

  const recorded = new Set((await db.studyAttendance.findMany({ where: { sessionId: session.id }, select: { openId: true } })).map((r) => r.openId));
  const missing = members.filter((m) => !recorded.has(m.openId));
  await db.$transaction([
    ...missing.map((m) =>
      db.studyAttendance.upsert({
        where: { sessionId_openId: { sessionId: session.id, openId: m.openId } },
        create: { sessionId: session.id, openId: m.openId, status: 'absent' },
        // A click that slipped in while closing keeps what the person chose.
        update: {},
      }),
    ),
  ]);
  return { closed: true, absent: missing.length };
}
