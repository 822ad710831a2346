import type { Db } from '../database.js';
import { shortId } from '../../domain/people/open-id.js';
import type { AttendanceStatus } from '../../domain/study/attendance.js';
import { summarizeAttendance, type PersonTally, type SessionTally, type Tally } from '../../domain/study/statistics.js';

export interface StudyYearStats {
  year: number;
  /** Sessions held that year (by held date in BOT_TIMEZONE). */
  sessions: number;
  /** Each session with its counts, by date. */
  sessionList: SessionTally[];
  /** Per person, sorted by rate then 签到 count; `name` from the users table when known. */
  perPerson: Array<PersonTally & { name?: string }>;
  totals: Tally;
  /** Mean of the per-session rates (签到 ÷ people recorded), 0..1. */
  averageAttendanceRate: number;
}

/** One attendance record of the year, for ledgers (the .xlsx detail sheet). */
export interface StudyRecordRow {
  sessionId: number;
  heldDate: string;
  topic: string;
  openId: string;
  name?: string;
  status: AttendanceStatus;
  reason: string | null;
  makeup: boolean;
  note: string | null;
}

async function loadYear(db: Db, year: number) {
  const sessions = await db.studySession.findMany({
    where: { heldDate: { gte: `${year}-01-01`, lte: `${year}-12-31` } },
    orderBy: [{ heldDate: 'asc' }, { id: 'asc' }],
    include: { attendances: { orderBy: { id: 'asc' } } },
  });
  const ids = [...new Set(sessions.flatMap((s) => s.attendances.map((a) => a.openId)))];
  const rows = await db.user.findMany({ where: { openId: { in: ids } }, select: { openId: true, name: true } });
  // A placeholder (see shortId) is no name: those are looked up by the caller.
  const names = new Map(rows.filter((u) => u.name !== shortId(u.openId)).map((u) => [u.openId, u.name]));
  return { sessions, names };
}

/**
 * 会前学法 figures of one year, for /学法统计 and the year-end draft. Reads the store only
 * (no Open API call): names are those the users table knows.
 */
export async function studyYearStats(db: Db, year: number): Promise<StudyYearStats> {
  const { sessions, names } = await loadYear(db, year);
  const summary = summarizeAttendance(
    sessions.map((s) => ({ id: s.id, topic: s.topic, heldDate: s.heldDate, closed: s.closedAt !== null })),
    sessions.flatMap((s) => s.attendances.map((a) => ({ sessionId: s.id, openId: a.openId, status: a.status as AttendanceStatus, makeup: a.makeup }))),
  );
  return {
    year,
    sessions: sessions.length,
    sessionList: summary.sessions,
    perPerson: summary.perPerson.map((p) => (names.has(p.openId) ? { ...p, name: names.get(p.openId)! } : p)),
    totals: summary.totals,
    averageAttendanceRate: summary.averageAttendanceRate,
  };
}

/** Every attendance record of the year, by session date. */
export async function studyYearRecords(db: Db, year: number): Promise<StudyRecordRow[]> {
  const { sessions, names } = await loadYear(db, year);
  return sessions.flatMap((s) =>
    s.attendances.map((a) => ({
      sessionId: s.id,
      heldDate: s.heldDate,
      topic: s.topic,
      openId: a.openId,
      ...(names.has(a.openId) ? { name: names.get(a.openId)! } : {}),
      status: a.status as AttendanceStatus,
      reason: a.reason,
      makeup: a.makeup,
      note: a.note,
    })),
  );
}
