import { isWeekday } from '../dates/days.js';
import { calendarCovers, isWorkingDay, lenientTally } from './working-days.js';

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
 * workingDaysLeft for many deadlines at once. A span that crosses a year without official
 * holiday data (e.g. a January 2027 deadline seen in December 2026) counts Monday to Friday
 * there and is flagged, so reminders still go out and say the count is provisional. Each
 * deadline costs a few array reads (lenientTally), however far it lies from today.
 */
export function daysLeftMany(today: string, deadlines: Iterable<string>): Map<string, DaysLeft> {
  const base = lenientTally(today);
  const out = new Map<string, DaysLeft>([[today, { days: 0, approximate: false }]]);
  for (const deadline of deadlines) {
    if (out.has(deadline)) continue;
    const t = lenientTally(deadline);
    out.set(deadline, { days: t.worked - base.worked, approximate: t.guessed !== base.guessed });
  }
  return out;
}

export function daysLeftLenient(today: string, deadline: string): DaysLeft {
  return daysLeftMany(today, [deadline]).get(deadline)!;
}
