import { percentOfRate } from '../report/percent.js';
import type { AttendanceStatus } from './attendance.js';

/** One attendance record as the statistics need it. */
export interface AttendanceFact {
  sessionId: number;
  openId: string;
  status: AttendanceStatus;
  makeup: boolean;
}

export interface SessionFact {
  id: number;
  topic: string;
  heldDate: string;
  closed: boolean;
}

export interface Tally {
  present: number;
  leave: number;
  absent: number;
  /** present ÷ (present + leave + absent), 0..1; 0 when nothing is recorded. */
  rate: number;
}

export interface PersonTally extends Tally {
  openId: string;
  /** How many of `present` and `leave` were recorded afterwards by an admin (补签). */
  makeup: number;
}

export interface SessionTally extends Tally, SessionFact {}

export interface AttendanceSummary {
  sessions: SessionTally[];
  /** Sorted by rate, then 签到 count (both descending), then open_id for a stable order. */
  perPerson: PersonTally[];
  totals: Tally;
  /** Mean of the per-session rates over the sessions with at least one record, 0..1. */
  averageAttendanceRate: number;
}

function tally(facts: AttendanceFact[]): Tally {
  const t = { present: 0, leave: 0, absent: 0 };
  for (const f of facts) t[f.status]++;
  const n = t.present + t.leave + t.absent;
  return { ...t, rate: n === 0 ? 0 : t.present / n };
}

function groupBy<K>(facts: AttendanceFact[], key: (f: AttendanceFact) => K): Map<K, AttendanceFact[]> {
  const m = new Map<K, AttendanceFact[]>();
  for (const f of facts) m.set(key(f), [...(m.get(key(f)) ?? []), f]);
  return m;
}

/**
 * Figures of a set of sessions. A person's rate counts only the sessions they have a record
 * in (someone who joined the chat in June is not absent from March).
 */
export function summarizeAttendance(sessions: SessionFact[], facts: AttendanceFact[]): AttendanceSummary {
  const bySession = groupBy(facts, (f) => f.sessionId);
  const sessionTallies = sessions.map((s) => ({ ...s, ...tally(bySession.get(s.id) ?? []) }));
  const perPerson = [...groupBy(facts, (f) => f.openId)].map(([openId, fs]) => ({ openId, ...tally(fs), makeup: fs.filter((f) => f.makeup).length }));
  perPerson.sort((a, b) => b.rate - a.rate || b.present - a.present || a.openId.localeCompare(b.openId));
  const counted = sessionTallies.filter((s) => s.present + s.leave + s.absent > 0);
  const averageAttendanceRate = counted.length === 0 ? 0 : counted.reduce((sum, s) => sum + s.rate, 0) / counted.length;
  return { sessions: sessionTallies, perPerson, totals: tally(facts), averageAttendanceRate };
}

/** 0.8333 → '83.3%', with the one rounding rule of every percentage (see report/percent.ts). */
export function percent(rate: number): string {
  return `${percentOfRate(rate).toFixed(1)}%`;
}
