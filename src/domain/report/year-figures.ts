import { CATEGORIES } from '../cases/categories.js';
import { average, percent, percentOfRate } from './percent.js';
import type { RecordKind } from './record-kinds.js';

/** One case as the ledger and the draft see it. */
export interface LedgerCase {
  code: string;
  enterprise: string;
  category: string;
  receivedDate: string;
  deadline: string;
  status: string;
  resolvedDate: string | null;
}

/** 是 / 否 for resolved cases; 未办结 (or 未办结（已超期）) for open ones, as of a day. */
export type DeadlineMark = '是' | '否' | '未办结' | '未办结（已超期）';

export interface LedgerEntry extends LedgerCase {
  withinDeadline: DeadlineMark;
}

export interface CategoryFigures {
  category: string;
  label: string;
  count: number;
  /** Up to two enterprises: most cases first, then the earliest received. */
  examples: string[];
}

export interface SlowerCategory {
  category: string;
  label: string;
  previousAvgDays: number;
  avgDays: number;
}

export interface StudyCounts {
  sessions: number;
  present: number;
  /** Every attendance row (签到, 请假, 缺席). */
  attendanceRows: number;
  /** Mean of the per-session rates (签到 ÷ people recorded), 0..1, as /学法统计 gives it. */
  averageRate: number;
}

export interface StudyFigures extends StudyCounts {
  averagePresent: number | undefined;
  attendanceRate: number | undefined;
  lowAttendance: boolean;
}

/** Every figure the draft may print, all computed from the store. */
export interface YearFigures {
  year: number;
  /** The day overdue open cases are counted at. */
  asOf: string;
  total: number;
  resolved: number;
  resolutionRate: number | undefined;
  withinDeadline: number;
  withinDeadlineRate: number | undefined;
  /**
   * True only when there are resolved cases, every one was resolved by its deadline and no open
   * case is past its deadline (the draft then says 「在规定时限内」 of the whole year's work).
   */
  allWithinDeadline: boolean;
  resolvedLate: number;
  resolvedLateRate: number | undefined;
  open: number;
  openOverdue: number;
  returned: number;
  categories: CategoryFigures[];
  slowerCategories: SlowerCategory[];
  study: StudyFigures;
  records: Record<RecordKind, number>;
}

/**
 * Cases of one enterprise in one category, counted by the store (GROUP BY), so the draft needs
 * no pass over every case.
 */
export interface EnterpriseTally {
  category: string;
  enterprise: string;
  /** Counted cases (returned ones are not counted). */
  cases: number;
  resolved: number;
  withinDeadline: number;
  open: number;
  openOverdue: number;
  firstReceived: string;
}

export interface YearInputs {
  year: number;
  asOf: string;
  tallies: EnterpriseTally[];
  returned: number;
  /** Average calendar days from receipt to resolution per category, this year and the year before. */
  avgDays: Map<string, number>;
  previousAvgDays: Map<string, number>;
  study: StudyCounts;
  records: Record<RecordKind, number>;
}

/** Below this average attendance rate (%), 存在问题 names low attendance. */
export const LOW_ATTENDANCE_RATE = 80;

/** 是/否 for a resolved case; 未办结 (or 未办结（已超期）) for an open one, as of a day. */
export function deadlineMark(c: LedgerCase, asOf: string): DeadlineMark {
  if (c.status === 'resolved' && c.resolvedDate) return c.resolvedDate <= c.deadline ? '是' : '否';
  return c.deadline < asOf ? '未办结（已超期）' : '未办结';
}

/** Up to two enterprises: most cases first, then the earliest received, then by name. */
function examplesOf(tallies: EnterpriseTally[]): string[] {
  return [...tallies]
    .sort((a, b) => b.cases - a.cases || a.firstReceived.localeCompare(b.firstReceived) || a.enterprise.localeCompare(b.enterprise))
    .slice(0, 2)
    .map((e) => e.enterprise);
}

const sum = (ts: EnterpriseTally[], k: 'cases' | 'resolved' | 'withinDeadline' | 'open' | 'openOverdue') => ts.reduce((n, t) => n + t[k], 0);

/** Pure: the figures of one year from what the store counted. */
export function computeYearFigures(i: YearInputs): YearFigures {
  const categories: CategoryFigures[] = [];
  const slowerCategories: SlowerCategory[] = [];
  for (const { value, label } of CATEGORIES) {
    const ts = i.tallies.filter((t) => t.category === value && t.cases > 0);
    if (ts.length === 0) continue;
    categories.push({ category: value, label, count: sum(ts, 'cases'), examples: examplesOf(ts) });
    const avgDays = i.avgDays.get(value);
    const previousAvgDays = i.previousAvgDays.get(value);
    if (avgDays !== undefined && previousAvgDays !== undefined && avgDays > previousAvgDays) {
      slowerCategories.push({ category: value, label, previousAvgDays, avgDays });
    }
  }
  const total = sum(i.tallies, 'cases');
  const resolved = sum(i.tallies, 'resolved');
  const withinDeadline = sum(i.tallies, 'withinDeadline');
  const openOverdue = sum(i.tallies, 'openOverdue');
  const attendanceRate = i.study.attendanceRows > 0 ? percentOfRate(i.study.averageRate) : undefined;
  return {
    year: i.year,
    asOf: i.asOf,
    total,
    resolved,
    resolutionRate: percent(resolved, total),
    withinDeadline,
    withinDeadlineRate: percent(withinDeadline, resolved),
    allWithinDeadline: resolved > 0 && withinDeadline === resolved && openOverdue === 0,
    resolvedLate: resolved - withinDeadline,
    resolvedLateRate: percent(resolved - withinDeadline, resolved),
    open: sum(i.tallies, 'open'),
    openOverdue,
    returned: i.returned,
    categories,
    slowerCategories,
    study: {
      ...i.study,
      averagePresent: average(i.study.present, i.study.sessions),
      attendanceRate,
      lowAttendance: attendanceRate !== undefined && attendanceRate < LOW_ATTENDANCE_RATE,
    },
    records: i.records,
  };
}
