import type { Category } from '../cases/categories.js';
import { addDays, isWeekday } from '../dates/days.js';
import { addWorkingDays, CalendarNotCoveredError, workingDaysLeft } from './working-days.js';

/** Working days granted to each kind of request: the one place to change them. */
export const DEADLINE_WORKING_DAYS: Record<Category, number> = {
  tax_policy: 15,
  staffing: 10,
  infrastructure: 30,
  premises: 20,
  schooling: 10,
  other: 15,
};

export interface Deadline {
  deadline: string;
  days: number;
  /**
   * True when a year the count touches has no official holiday calendar yet, so only
   * weekends were skipped. The card and the history say so.
   */
  provisional: boolean;
  /** The first year without a calendar, when provisional. */
  uncoveredYear?: number;
}

/** The n-th weekday after `day` (weekends skipped, holidays unknown). */
export function addWeekdays(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWeekday(d)) left--;
  }
  return d;
}

/** Deadline of a case received on `receivedDate`: counting starts the next day. */
export function deadlineFor(category: Category, receivedDate: string, table: Record<Category, number> = DEADLINE_WORKING_DAYS): Deadline {
  const days = table[category];
  try {
    return { deadline: addWorkingDays(receivedDate, days), days, provisional: false };
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    return { deadline: addWeekdays(receivedDate, days), days, provisional: true, uncoveredYear: e.year };
  }
}

/** Signed working days from `today` to `deadline` (negative when overdue); weekends only where the calendar is unknown. */
export function daysLeft(today: string, deadline: string): { days: number; provisional: boolean } {
  try {
    return { days: workingDaysLeft(today, deadline), provisional: false };
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    const [from, to, sign] = deadline >= today ? [today, deadline, 1] : [deadline, today, -1];
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWeekday(d)) n++;
    return { days: sign * n, provisional: true };
  }
}

/** Why a deadline is provisional, in the words shown on the card and in the history. */
export function provisionalNote(year: number | undefined): string {
  return `${year ?? '相关'}年法定节假日安排尚未发布，期限暂按仅扣除周末计算，待发布后请核对`;
}
