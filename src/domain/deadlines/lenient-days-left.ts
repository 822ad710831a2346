import { addDays, isWeekday } from '../dates/local-day.js';
import { CalendarNotCoveredError, isWorkingDay, workingDaysLeft } from './working-days.js';

/** Working days left (negative when overdue); `approximate` when a year's official calendar is missing. */
export interface DaysLeft {
  days: number;
  approximate: boolean;
}

/**
 * Like workingDaysLeft, but a deadline in a year without official holiday data (e.g. a
 * January 2027 deadline seen in December 2026) is counted on Monday to Friday and flagged,
 * so reminders still go out and say the count is provisional.
 */
export function daysLeftLenient(today: string, deadline: string): DaysLeft {
  try {
    return { days: workingDaysLeft(today, deadline), approximate: false };
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    const [from, to, sign] = deadline >= today ? [today, deadline, 1] : [deadline, today, -1];
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWeekday(d)) n++;
    return { days: sign * n, approximate: true };
  }
}

/** Whether `day` is a working day; Monday to Friday (flagged) when its year has no official calendar. */
export function isWorkingDayLenient(day: string): { working: boolean; approximate: boolean } {
  try {
    return { working: isWorkingDay(day), approximate: false };
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    return { working: isWeekday(day), approximate: true };
  }
}
