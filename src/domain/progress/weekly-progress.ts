import { CATEGORIES, OPEN_STATUSES } from '../cases/categories.js';
import { daysLeftMany } from '../deadlines/lenient-days-left.js';
import { addDays } from '../dates/days.js';
import { weeksEndingWith, type DayRange } from './report-week.js';

export interface ProgressCase {
  code: string;
  category: string;
  status: string;
  enterprise: string;
  receivedDate: string;
  resolvedDate: string | null;
  deadline: string;
  ownerId: string;
}

export interface ProgressSession {
  heldDate: string;
  /** One status per attendance row: present | leave | absent. */
  attendance: string[];
}

/** Cases received on one day in one category, and how many of them are resolved. */
export interface ReceivedTally {
  receivedDate: string;
  category: string;
  cases: number;
  resolved: number;
}

export interface WeeklyProgressInput {
  today: string;
  week: DayRange;
  /**
   * Cases received from the first chart week (or 1 January, if earlier) to the week's end,
   * counted per day and category: with ten years of records the rows themselves are too many.
   */
  received: ReceivedTally[];
  /** Cases resolved in the week, whenever received. */
  resolvedInWeek: number;
  /** How many cases are open (登记 or 办理中), whenever received. */
  openTotal: number;
  /** The open cases past their deadline, whenever received (others may be passed; they are left out). */
  late: ProgressCase[];
  sessions: ProgressSession[];
  chartWeeks: number;
  /** Resolved cases waiting for 回访 longer than BOT_FOLLOWUP_DAYS working days (0 when the caller does not count them). */
  followupsDue?: number;
}

export interface OverdueCase extends ProgressCase {
  overdueDays: number;
  approximate: boolean;
}

export interface CasesChart {
  /** Week labels, oldest first, e.g. '11/23'. */
  weeks: string[];
  /** One series per category with a case in the chart's weeks, counts aligned with `weeks`. */
  series: Array<{ category: string; label: string; counts: number[] }>;
}

export interface WeeklyProgress {
  today: string;
  week: DayRange;
  year: number;
  newByCategory: Array<{ category: string; label: string; count: number }>;
  newTotal: number;
  resolvedInWeek: number;
  openTotal: number;
  overdue: OverdueCase[];
  followupsDue: number;
  ytd: { received: number; resolved: number; rate: number | null };
  study: { sessions: number; present: number; leave: number; absent: number; withoutAttendance: number };
  chart: CasesChart;
}

const within = (day: string, r: DayRange) => day >= r.from && day <= r.to;

/** Pure: every figure of the weekly progress post, from rows read out of the store. */
export function summarizeWeek(i: WeeklyProgressInput): WeeklyProgress {
  const year = Number(i.week.to.slice(0, 4));
  const newCases = i.received.filter((c) => within(c.receivedDate, i.week));
  const newByCategory = CATEGORIES.map((c) => ({ category: c.value, label: c.label, count: sum(newCases.filter((x) => x.category === c.value), 'cases') })).filter((c) => c.count > 0);

  const late = i.late.filter((c) => (OPEN_STATUSES as string[]).includes(c.status) && c.deadline < i.today);
  const daysLeft = daysLeftMany(i.today, late.map((c) => c.deadline));
  const overdue = late
    .map((c) => {
      const left = daysLeft.get(c.deadline)!;
      return { ...c, overdueDays: -left.days, approximate: left.approximate };
    })
    .sort((a, b) => b.overdueDays - a.overdueDays || a.code.localeCompare(b.code));

  const thisYear = i.received.filter((c) => c.receivedDate.startsWith(`${year}-`));
  const receivedYtd = sum(thisYear, 'cases');
  const resolvedYtd = sum(thisYear, 'resolved');

  const attendance = i.sessions.flatMap((s) => s.attendance);
  const count = (status: string) => attendance.filter((a) => a === status).length;

  return {
    today: i.today,
    week: i.week,
    year,
    newByCategory,
    newTotal: sum(newCases, 'cases'),
    resolvedInWeek: i.resolvedInWeek,
    openTotal: i.openTotal,
    overdue,
    followupsDue: i.followupsDue ?? 0,
    ytd: { received: receivedYtd, resolved: resolvedYtd, rate: receivedYtd ? resolvedYtd / receivedYtd : null },
    study: {
      sessions: i.sessions.length,
      present: count('present'),
      leave: count('leave'),
      absent: count('absent'),
      withoutAttendance: i.sessions.filter((s) => s.attendance.length === 0).length,
    },
    chart: casesChart(i.received, weeksEndingWith(i.week.from, i.chartWeeks)),
  };
}

const sum = (rows: ReceivedTally[], key: 'cases' | 'resolved') => rows.reduce((n, r) => n + r[key], 0);

/** New cases per category and week (weeks given by their Mondays). */
export function casesChart(cases: ReceivedTally[], mondays: string[]): CasesChart {
  const sundays = mondays.map((m) => addDays(m, 6));
  const counts = new Map(CATEGORIES.map((c) => [c.value as string, mondays.map(() => 0)]));
  for (const x of cases) {
    const w = mondays.findIndex((m, i) => x.receivedDate >= m && x.receivedDate <= sundays[i]!);
    const row = counts.get(x.category);
    if (row && w >= 0) row[w]! += x.cases;
  }
  const series = CATEGORIES.map((c) => ({ category: c.value, label: c.label, counts: counts.get(c.value)! })).filter((s) => s.counts.some((n) => n > 0));
  return { weeks: mondays.map((m) => `${Number(m.slice(5, 7))}/${Number(m.slice(8, 10))}`), series };
}

/** The earliest day the input's `received` rows must cover. */
export function receivedSince(week: DayRange, chartWeeks: number): string {
  const firstChartDay = weeksEndingWith(week.from, chartWeeks)[0]!;
  const jan1 = `${week.to.slice(0, 4)}-01-01`;
  return firstChartDay < jan1 ? firstChartDay : jan1;
}
