import chineseDays from 'chinese-days';
import dayjs from 'dayjs';

/**
 * Working days in China: weekends and public holidays off, make-up workdays (调休) on,
 * from the `chinese-days` calendar. Dates are 'YYYY-MM-DD' strings in BOT_TIMEZONE.
 */

const covered = new Set<number>();
for (const day of chineseDays.getHolidaysInRange('2004-01-01', '2040-12-31', false)) covered.add(Number(day.slice(0, 4)));

/** True when the official calendar of that year is known (the State Council publishes it each November). */
export function calendarCovers(year: number): boolean {
  return covered.has(year);
}

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`${year}年法定节假日安排尚未收录，无法准确计算工作日期限`);
    this.name = 'CalendarNotCoveredError';
  }
}

function assertCovered(date: string): void {
  const year = Number(date.slice(0, 4));
  if (!calendarCovers(year)) throw new CalendarNotCoveredError(year);
}

export function isWorkingDay(date: string): boolean {
  assertCovered(date);
  return chineseDays.isWorkday(date);
}

/** The n-th working day after `date` (counting starts the next day). n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number): string {
  if (n <= 0) return date;
  const due = chineseDays.findWorkday(n, date) as string;
  // Every day the count walked through must come from a known year's calendar.
  assertCovered(date);
  assertCovered(due);
  return due;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` <= `from`).
 * Used for "days left" (from today to the deadline) and "days overdue" (deadline to today).
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  assertCovered(from);
  assertCovered(to);
  const next = dayjs(from).add(1, 'day').format('YYYY-MM-DD');
  return chineseDays.getWorkdaysInRange(next, to, true).length;
}

/** Signed distance: positive working days left until `deadline`, negative when overdue. */
export function workingDaysLeft(today: string, deadline: string): number {
  return deadline >= today ? workingDaysBetween(today, deadline) : -workingDaysBetween(deadline, today);
}
