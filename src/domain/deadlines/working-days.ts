import chineseDays from 'chinese-days';

/**
 * Working days in China: weekends and public holidays off, make-up workdays (调休) on,
 * from the `chinese-days` calendar. Dates are 'YYYY-MM-DD' strings in BOT_TIMEZONE.
 *
 * The calendar is read from `chinese-days` once into a table of the covered years with
 * running totals, so a deadline or a "days left" over years costs a few array reads
 * (chinese-days walks day by day with dayjs, ~1 ms per call, which dominated a submit).
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

const DAY_MS = 86_400_000;
const toIndex = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const toDate = (index: number) => new Date(index * DAY_MS).toISOString().slice(0, 10);
const yearOf = (date: string) => Number(date.slice(0, 4));

interface Table {
  first: number;
  /** work[i]: day first+i is a working day. */
  work: Uint8Array;
  /** upTo[i]: working days from `first` through day first+i. */
  upTo: Int32Array;
  /** As upTo, counting Monday to Friday in a year without a calendar (lenientTally). */
  lenientUpTo: Int32Array;
  /** Days in a year without a calendar from `first` through day first+i. */
  guessedUpTo: Int32Array;
}
let table: Table | undefined;

/** Built on first use from chinese-days, for every covered year (they are contiguous). */
function calendar(): Table {
  if (table) return table;
  const years = [...covered].sort((a, b) => a - b);
  const first = toIndex(`${years[0]}-01-01`);
  const last = toIndex(`${years.at(-1)}-12-31`);
  const n = last - first + 1;
  const work = new Uint8Array(n);
  const upTo = new Int32Array(n);
  const lenientUpTo = new Int32Array(n);
  const guessedUpTo = new Int32Array(n);
  let total = 0;
  let lenient = 0;
  let guessed = 0;
  for (let i = 0; i < n; i++) {
    const date = toDate(first + i);
    const known = covered.has(yearOf(date));
    work[i] = known && chineseDays.isWorkday(date) ? 1 : 0;
    total += work[i]!;
    upTo[i] = total;
    lenient += known ? work[i]! : weekdaysBefore(first + i + 1) - weekdaysBefore(first + i);
    lenientUpTo[i] = lenient;
    guessed += known ? 0 : 1;
    guessedUpTo[i] = guessed;
  }
  table = { first, work, upTo, lenientUpTo, guessedUpTo };
  return table;
}

/** Mondays to Fridays among day indexes [0, n) (negative for n < 0); day 0, 1970-01-01, was a Thursday. */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let j = weeks * 7; j < n; j++) {
    const dow = (((j + 4) % 7) + 7) % 7;
    if (dow !== 0 && dow !== 6) count++;
  }
  return count;
}

/**
 * Running counts at `date` from a fixed origin: working days (Monday to Friday in a year
 * without a calendar) and days without a calendar. The difference between two days' tallies
 * counts the days after the first up to the second, in O(1) however far apart they are.
 */
export function lenientTally(date: string): { worked: number; guessed: number } {
  const t = calendar();
  const i = toIndex(date);
  const last = t.first + t.work.length - 1;
  if (i < t.first) return { worked: weekdaysBefore(i + 1) - weekdaysBefore(t.first), guessed: i + 1 - t.first };
  if (i <= last) return { worked: t.lenientUpTo[i - t.first]!, guessed: t.guessedUpTo[i - t.first]! };
  const end = last - t.first;
  return { worked: t.lenientUpTo[end]! + weekdaysBefore(i + 1) - weekdaysBefore(last + 1), guessed: t.guessedUpTo[end]! + i - last };
}

function assertCovered(date: string): void {
  const year = yearOf(date);
  if (!calendarCovers(year)) throw new CalendarNotCoveredError(year);
}

export function isWorkingDay(date: string): boolean {
  assertCovered(date);
  const t = calendar();
  return t.work[toIndex(date) - t.first] === 1;
}

/** The n-th working day after `date` (counting starts the next day). n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number): string {
  if (n <= 0) return date;
  assertCovered(date);
  const t = calendar();
  let i = toIndex(date) - t.first;
  for (let left = n; left > 0; ) {
    i++;
    // Every day the count walks through must come from a known year's calendar.
    if (i >= t.work.length) throw new CalendarNotCoveredError(yearOf(toDate(t.first + i)));
    left -= t.work[i]!;
  }
  const due = toDate(t.first + i);
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
  const t = calendar();
  return t.upTo[toIndex(to) - t.first]! - t.upTo[toIndex(from) - t.first]!;
}

/** Signed distance: positive working days left until `deadline`, negative when overdue. */
export function workingDaysLeft(today: string, deadline: string): number {
  return deadline >= today ? workingDaysBetween(today, deadline) : -workingDaysBetween(deadline, today);
}
