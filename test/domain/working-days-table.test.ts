import chineseDays from 'chinese-days';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, CalendarNotCoveredError, isWorkingDay, workingDaysBetween } from '../../src/domain/deadlines/working-days.js';

/** The table-based calendar must say exactly what chinese-days says, day by day. */
describe('working days from the precomputed calendar', () => {
  const days: string[] = [];
  for (let d = dayjs('2022-12-01'); d.isBefore('2025-02-28'); d = d.add(3, 'day')) days.push(d.format('YYYY-MM-DD'));

  it('agrees with chinese-days on every third day of 2023 to early 2025', () => {
    for (const day of days) {
      expect(isWorkingDay(day), day).toBe(chineseDays.isWorkday(day));
      for (const n of [1, 10, 15, 30]) expect(addWorkingDays(day, n), `${day}+${n}`).toBe(chineseDays.findWorkday(n, day));
    }
  });

  it('counts working days between two days like chinese-days', () => {
    for (let i = 0; i + 40 < days.length; i += 7) {
      const from = days[i]!;
      const to = days[i + 40]!;
      const next = dayjs(from).add(1, 'day').format('YYYY-MM-DD');
      expect(workingDaysBetween(from, to)).toBe(chineseDays.getWorkdaysInRange(next, to, true).length);
    }
  });

  it('refuses to count into a year without an official calendar', () => {
    expect(() => addWorkingDays('2026-12-10', 30)).toThrow(CalendarNotCoveredError);
    expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarNotCoveredError);
    expect(() => workingDaysBetween('2026-12-01', '2027-01-04')).toThrow(CalendarNotCoveredError);
  });
});
