import { addDays, mondayOf } from '../dates/days.js';

export interface DayRange {
  from: string;
  to: string;
}

/**
 * The week a progress report covers: the Monday-to-Sunday week that holds yesterday. A
 * Monday-morning post reports the week just ended; `/周报` later in the week reports the
 * week so far.
 */
export function reportWeek(today: string): DayRange {
  const from = mondayOf(addDays(today, -1));
  return { from, to: addDays(from, 6) };
}

/** The Mondays of the `count` weeks ending with the week starting `lastMonday`, oldest first. */
export function weeksEndingWith(lastMonday: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastMonday, -7 * (count - 1 - i)));
}
