import { CATEGORIES } from '../cases/categories.js';
import { chooseExamples } from './category-examples.js';
import type { EnterpriseTally } from './enterprise-tally.js';
import { followupFigures, NO_FOLLOWUPS, type FollowupCounts, type FollowupFigures } from './followup-figures.js';
import { grewMaterially, type SlowerCategory } from './handling-time.js';
import { average, percent, percentOfRate } from './percent.js';
import type { RecordKind } from './record-kinds.js';

export type { SlowerCategory } from './handling-time.js';

/** One 回访 as the ledger shows it. */
export interface LedgerFollowup {
  visitDate: string;
  /** satisfied | basic | dissatisfied */
  satisfaction: string;
  /** phone | visit | online; null when an imported ledger did not say. */
  method: string | null;
  opinion: string | null;
}

/** One case as the ledger and the draft see it. */
export interface LedgerCase {
  code: string;
  enterprise: string;
  category: string;
  receivedDate: string;
  deadline: string;
  status: string;
  resolvedDate: string | null;
  /** Its 回访, oldest first (none when absent). */
  followups?: LedgerFollowup[];
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
  resolved: number;
  /** Up to two enterprises with resolved cases of this category (see category-examples.ts). */
  examples: string[];
}

/** The year before, for 「较上年…」 (cases received that year, as of the same day). */
export interface PreviousYear {
  total: number;
  resolved: number;
  resolutionRate: number | undefined;
}

export interface StudyCounts {
  sessions: number;
  present: number;
  /** Every attendance row (签到, 请假, 缺席). */
  attendanceRows: number;
  /** Mean of the per-session rates (签到 ÷ people recorded), 0..1, as /学法统计 gives it. */
  averageRate: number;
  /** The days sessions were held, for the draft's source notes. */
  days?: string[];
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
  /** The latest 办结日期 of a counted case: with none open, the figures hold from that day on. */
  lastResolved: string | null;
  returned: number;
  categories: CategoryFigures[];
  /** Counted cases whose category the bot does not know (kept out of every clause; the pre-send check stops on them). */
  uncategorized: number;
  slowerCategories: SlowerCategory[];
  study: StudyFigures;
  /** Per kind: the quantities logged, an entry without one counting 1. */
  records: Record<RecordKind, number>;
  previous: PreviousYear | undefined;
  /** 回访 of the counted cases (every one recorded, also those that reopened a case). */
  followups: FollowupFigures;
}

export type { EnterpriseTally } from './enterprise-tally.js';

export interface YearInputs {
  year: number;
  asOf: string;
  tallies: EnterpriseTally[];
  returned: number;
  /** Average working days from receipt to resolution per category, this year and the year before. */
  avgDays: Map<string, number>;
  previousAvgDays: Map<string, number>;
  study: StudyCounts;
  records: Record<RecordKind, number>;
  /** The year before's counted and resolved cases; undefined (or total 0) leaves 「较上年」 out. */
  previous?: { total: number; resolved: number } | undefined;
  /** 回访 of the counted cases; none when absent. */
  followups?: FollowupCounts;
}

/** Below this average attendance rate (%), 存在问题 names low attendance. */
export const LOW_ATTENDANCE_RATE = 80;

/** 是/否 for a resolved case; 未办结 (or 未办结（已超期）) for an open one, as of a day. */
export function deadlineMark(c: LedgerCase, asOf: string): DeadlineMark {
  if (c.status === 'resolved' && c.resolvedDate) return c.resolvedDate <= c.deadline ? '是' : '否';
  return c.deadline < asOf ? '未办结（已超期）' : '未办结';
}

const sum = (ts: EnterpriseTally[], k: 'cases' | 'resolved' | 'withinDeadline' | 'open' | 'openOverdue') => ts.reduce((n, t) => n + t[k], 0);

/** Pure: the figures of one year from what the store counted. */
export function computeYearFigures(i: YearInputs): YearFigures {
  const categories: CategoryFigures[] = [];
  const slowerCategories: SlowerCategory[] = [];
  const present = CATEGORIES.map(({ value, label }) => ({ category: value, label, tallies: i.tallies.filter((t) => t.category === value && t.cases > 0) })).filter(
    (c) => c.tallies.length > 0,
  );
  const examples = chooseExamples(present);
  for (const { category, label, tallies: ts } of present) {
    categories.push({ category, label, count: sum(ts, 'cases'), resolved: sum(ts, 'resolved'), examples: examples.get(category) ?? [] });
    const avgDays = i.avgDays.get(category);
    const previousAvgDays = i.previousAvgDays.get(category);
    if (avgDays !== undefined && previousAvgDays !== undefined && grewMaterially(previousAvgDays, avgDays)) {
      slowerCategories.push({ category, label, previousAvgDays, avgDays });
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
    lastResolved: i.tallies.reduce<string | null>((m, t) => (t.lastResolved && (!m || t.lastResolved > m) ? t.lastResolved : m), null),
    returned: i.returned,
    categories,
    uncategorized: total - categories.reduce((n, c) => n + c.count, 0),
    slowerCategories,
    study: {
      ...i.study,
      averagePresent: average(i.study.present, i.study.sessions),
      attendanceRate,
      lowAttendance: attendanceRate !== undefined && attendanceRate < LOW_ATTENDANCE_RATE,
    },
    records: i.records,
    previous: i.previous && i.previous.total > 0 ? { ...i.previous, resolutionRate: percent(i.previous.resolved, i.previous.total) } : undefined,
    followups: followupFigures(i.followups ?? NO_FOLLOWUPS),
  };
}
