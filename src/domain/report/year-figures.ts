import { CATEGORIES, OPEN_STATUSES, type CaseStatus } from '../cases/categories.js';
import { average, daysBetween, percent } from './percent.js';
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
  /** True only when there are resolved cases and every one was resolved by its deadline. */
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
  ledger: LedgerEntry[];
}

export interface YearInputs {
  year: number;
  asOf: string;
  cases: LedgerCase[];
  /** Average calendar days from receipt to resolution per category in the year before. */
  previousAvgDays: Map<string, number>;
  study: StudyCounts;
  records: Record<RecordKind, number>;
}

/** Below this share of 签到 among attendance rows, 存在问题 names low attendance. */
export const LOW_ATTENDANCE_RATE = 80;

const isOpen = (status: string) => (OPEN_STATUSES as string[]).includes(status as CaseStatus);

export function deadlineMark(c: LedgerCase, asOf: string): DeadlineMark {
  if (c.status === 'resolved' && c.resolvedDate) return c.resolvedDate <= c.deadline ? '是' : '否';
  return c.deadline < asOf ? '未办结（已超期）' : '未办结';
}

function examplesOf(cases: LedgerCase[]): string[] {
  const by = new Map<string, { name: string; count: number; first: string }>();
  for (const c of cases) {
    const e = by.get(c.enterprise);
    if (!e) by.set(c.enterprise, { name: c.enterprise, count: 1, first: c.receivedDate });
    else {
      e.count++;
      if (c.receivedDate < e.first) e.first = c.receivedDate;
    }
  }
  return [...by.values()]
    .sort((a, b) => b.count - a.count || a.first.localeCompare(b.first) || a.name.localeCompare(b.name))
    .slice(0, 2)
    .map((e) => e.name);
}

/** Pure: the figures of one year from the rows the store returned. */
export function computeYearFigures(i: YearInputs): YearFigures {
  const counted = i.cases.filter((c) => c.status !== 'returned');
  const resolved = counted.filter((c) => c.status === 'resolved' && c.resolvedDate);
  const withinDeadline = resolved.filter((c) => c.resolvedDate! <= c.deadline).length;
  const open = counted.filter((c) => isOpen(c.status));
  const byCategory = new Map<string, LedgerCase[]>();
  for (const c of counted) {
    const list = byCategory.get(c.category);
    if (list) list.push(c);
    else byCategory.set(c.category, [c]);
  }

  const categories: CategoryFigures[] = [];
  const slowerCategories: SlowerCategory[] = [];
  for (const { value, label } of CATEGORIES) {
    const list = byCategory.get(value);
    if (!list?.length) continue;
    categories.push({ category: value, label, count: list.length, examples: examplesOf(list) });
    const done = list.filter((c) => c.status === 'resolved' && c.resolvedDate);
    const avgDays = average(done.reduce((s, c) => s + daysBetween(c.receivedDate, c.resolvedDate!), 0), done.length);
    const previousAvgDays = i.previousAvgDays.get(value);
    if (avgDays !== undefined && previousAvgDays !== undefined && avgDays > previousAvgDays) {
      slowerCategories.push({ category: value, label, previousAvgDays, avgDays });
    }
  }

  const attendanceRate = percent(i.study.present, i.study.attendanceRows);
  return {
    year: i.year,
    asOf: i.asOf,
    total: counted.length,
    resolved: resolved.length,
    resolutionRate: percent(resolved.length, counted.length),
    withinDeadline,
    withinDeadlineRate: percent(withinDeadline, resolved.length),
    allWithinDeadline: resolved.length > 0 && withinDeadline === resolved.length,
    resolvedLate: resolved.length - withinDeadline,
    resolvedLateRate: percent(resolved.length - withinDeadline, resolved.length),
    open: open.length,
    openOverdue: open.filter((c) => c.deadline < i.asOf).length,
    returned: i.cases.length - counted.length,
    categories,
    slowerCategories,
    study: {
      ...i.study,
      averagePresent: average(i.study.present, i.study.sessions),
      attendanceRate,
      lowAttendance: attendanceRate !== undefined && attendanceRate < LOW_ATTENDANCE_RATE,
    },
    records: i.records,
    ledger: counted.map((c) => ({ ...c, withinDeadline: deadlineMark(c, i.asOf) })),
  };
}
