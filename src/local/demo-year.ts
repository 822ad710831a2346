import dayjs from 'dayjs';
import { CATEGORIES, type Category } from '../domain/cases/categories.js';
import { addWorkingDays, CalendarNotCoveredError, isWorkingDay } from '../domain/deadlines/working-days.js';
import { DEADLINE_WORKING_DAYS } from '../domain/deadlines/deadline-table.js';
import { DEMO_GROUPS, DEMO_PEOPLE } from './demo-people.js';
import { ENTERPRISES, CONTENT, DEPARTMENTS, STUDY_TOPICS, LEAVE_REASONS, RESOLUTIONS } from './demo-texts.js';
import { seededRandom } from '../util/seeded-random.js';

/**
 * A realistic year of work for the local demo, as plain records (no I/O): about a hundred
 * enterprise requests across categories and months, most resolved in time, some late, some
 * still open, and two study sessions a month with attendance. Deterministic for a year.
 */


const WEIGHTS: Record<Category, number> = { tax_policy: 30, staffing: 18, infrastructure: 14, premises: 14, schooling: 10, other: 14 };
/** More requests in spring and autumn, fewer around the Spring Festival and in August. */
const MONTH_WEIGHTS = [5, 6, 11, 10, 9, 9, 8, 6, 10, 9, 9, 8];

export interface DemoCase {
  code: string;
  year: number;
  seq: number;
  enterprise: string;
  category: Category;
  content: string;
  department: string;
  receivedDate: string;
  deadlineDays: number;
  deadline: string;
  status: 'registered' | 'in_progress' | 'resolved' | 'returned';
  reporterId: string;
  assigneeId: string;
  resolution?: string;
  resolvedDate?: string;
  returnReason?: string;
}

export interface DemoSession {
  key: string;
  topic: string;
  chatId: string;
  openedBy: string;
  heldDate: string;
  attendances: Array<{ openId: string; status: 'present' | 'leave' | 'absent'; reason?: string }>;
}

function pickWeighted<T extends string | number>(r: () => number, weights: Array<[T, number]>): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of weights) if ((x -= w) < 0) return v;
  return weights[weights.length - 1]![0];
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Working days of a month up to `last` (inclusive). */
function workingDaysOfMonth(year: number, month: number, last: string): string[] {
  const out: string[] = [];
  for (let d = dayjs(`${year}-${String(month).padStart(2, '0')}-01`); d.month() === month - 1; d = d.add(1, 'day')) {
    const s = d.format('YYYY-MM-DD');
    if (s <= last && isWorkingDay(s)) out.push(s);
  }
  return out;
}

/** Cases received in `year` up to `today` (a past year is filled to 31 December). */
export function demoCases(year: number, today: string, count = 100): DemoCase[] {
  const r = seededRandom(year);
  const last = today < `${year}-12-31` ? today : `${year}-12-31`;
  const staff = DEMO_PEOPLE.filter((p) => p.role === 'staff').map((p) => p.openId);
  const months = MONTH_WEIGHTS.map((w, i) => [i + 1, w] as [number, number]).filter(([m]) => `${year}-${String(m).padStart(2, '0')}-01` <= last);
  const dates: string[] = [];
  for (let i = 0; i < count; i++) {
    const days = workingDaysOfMonth(year, pickWeighted(r, months), last);
    if (days.length) dates.push(pick(r, days));
  }
  dates.sort();
  const cases: DemoCase[] = [];
  for (const receivedDate of dates) {
    const category = pickWeighted(r, CATEGORIES.map((c) => [c.value, WEIGHTS[c.value]] as [Category, number]));
    const deadlineDays = DEADLINE_WORKING_DAYS[category];
    let deadline: string;
    try {
      deadline = addWorkingDays(receivedDate, deadlineDays);
    } catch (e) {
      if (e instanceof CalendarNotCoveredError) continue; // no official calendar yet: leave that request out
      throw e;
    }
    const seq = cases.length + 1;
    const enterprise = pick(r, ENTERPRISES);
    const c: DemoCase = {
      code: `QY${year}-${String(seq).padStart(4, '0')}`,
      year,
      seq,
      enterprise,
      category,
      content: pick(r, CONTENT[category]),
      department: pick(r, DEPARTMENTS[category]),
      receivedDate,
      deadlineDays,
      deadline,
      status: 'registered',
      reporterId: pick(r, staff),
      assigneeId: pick(r, staff),
    };
    const roll = r();
    if (roll < 0.03) {
      c.status = 'returned';
      c.returnReason = '诉求不属于本局职责范围，已告知企业向相关部门反映';
    } else {
      // Most are resolved inside the deadline; about one in eight takes longer.
      const late = roll > 0.86;
      const took = late ? deadlineDays + 1 + Math.floor(r() * 8) : 1 + Math.floor(r() * deadlineDays);
      const resolvedDate = addWorkingDaysSafe(receivedDate, took);
      if (resolvedDate && resolvedDate <= last) {
        c.status = 'resolved';
        c.resolvedDate = resolvedDate;
        c.resolution = pick(r, RESOLUTIONS[category]);
      } else c.status = r() < 0.6 ? 'in_progress' : 'registered';
    }
    cases.push(c);
  }
  return cases;
}

function addWorkingDaysSafe(date: string, n: number): string | undefined {
  try {
    return addWorkingDays(date, n);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return undefined;
    throw e;
  }
}

/** Two 会前学法 sessions a month in the office group, with everyone's attendance. */
export function demoSessions(year: number, today: string): DemoSession[] {
  const r = seededRandom(year * 7 + 1);
  const last = today < `${year}-12-31` ? today : `${year}-12-31`;
  const admin = DEMO_PEOPLE.find((p) => p.role === 'admin')!.openId;
  const chatId = DEMO_GROUPS[1]!.chatId;
  const sessions: DemoSession[] = [];
  for (let m = 1; m <= 12; m++) {
    const days = workingDaysOfMonth(year, m, last);
    for (const idx of [0.2, 0.7]) {
      const heldDate = days[Math.floor(days.length * idx)];
      if (!heldDate || heldDate >= last) continue;
      const attendances = DEMO_PEOPLE.map((p) => {
        const x = r();
        if (x < 0.85) return { openId: p.openId, status: 'present' as const };
        if (x < 0.96) return { openId: p.openId, status: 'leave' as const, reason: pick(r, LEAVE_REASONS) };
        return { openId: p.openId, status: 'absent' as const };
      });
      sessions.push({ key: `demo:study:${year}:${sessions.length + 1}`, topic: STUDY_TOPICS[sessions.length % STUDY_TOPICS.length]!, chatId, openedBy: admin, heldDate, attendances });
    }
  }
  return sessions;
}
