import { addDays, isWeekday } from '../dates/days.js';
import { calendarCovers, isWorkingDay } from './working-days.js';

/** Working days left (negative when overdue); `approximate` when a year's official calendar is missing. */
export interface DaysLeft {
  days: number;
  approximate: boolean;
}

/** Whether `day` is a working day; Monday to Friday (flagged) when its year has no official calendar. */
export function isWorkingDayLenient(day: string): { working: boolean; approximate: boolean } {
  return calendarCovers(Number(day.slice(0, 4))) ? { working: isWorkingDay(day), approximate: false } : { working: isWeekday(day), approximate: true };
}

/**
 * workingDaysLeft for many deadlines at once, in one walk over the calendar (one per case
 * would cost a walk each). A span that crosses a year without official holiday data (e.g. a
 * January 2027 deadline seen in December 2026) counts Monday to Friday there and is flagged,
 * so reminders still go out and say the count is provisional.
 */
export function daysLeftMany(today: string, deadlines: Iterable<string>): Map<string, DaysLeft> {
  const marks = [...new Set([today, ...deadlines])].sort();
  // Working days and unofficial days counted from the first mark up to each mark.
  const worked = new Map<string, number>();
  const guessed = new Map<string, number>();
  let w = 0;
  let g = 0;
  const last = marks[marks.length - 1]!;
  for (let d = marks[0]!; d <= last; d = addDays(d, 1)) {
    if (d !== marks[0]) {
      const day = isWorkingDayLenient(d);
      if (day.working) w++;
      if (day.approximate) g++;
    }
    worked.set(d, w);
    guessed.set(d, g);
  }
  const out = new Map<string, DaysLeft>();
  for (const deadline of marks) {
    const days = worked.get(deadline)! - worked.get(today)!;
    out.set(deadline, { days, approximate: guessed.get(deadline) !== guessed.get(today) });
  }
  return out;
}

export function daysLeftLenient(today: string, deadline: string): DaysLeft {
  return daysLeftMany(today, [deadline]).get(deadline)!;
}
