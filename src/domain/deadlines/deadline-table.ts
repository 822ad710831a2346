import type { Category } from '../cases/categories.js';
import { addDays, isWeekday } from '../dates/days.js';
import { addWorkingDays, CalendarNotCoveredError } from './working-days.js';
import { daysLeftLenient } from './lenient-days-left.js';

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

/**
 * Signed working days from `today` to `deadline` (negative when overdue). Where a year has no
 * official calendar yet, its Mondays to Fridays count and the result is provisional.
 */
export function daysLeft(today: string, deadline: string): { days: number; provisional: boolean } {
  const left = daysLeftLenient(today, deadline);
  return { days: left.days, provisional: left.approximate };
}

/** Why a deadline is provisional, in the words shown on the card and in the history. */
export function provisionalNote(year: number | undefined): string {
  return `${year ?? '相关'}年法定节假日安排尚未发布，期限暂按仅扣除周末计算，待发布后请核对`;
}
