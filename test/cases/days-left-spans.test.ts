import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { addDays, isWeekday } from '../../src/domain/dates/days.js';
import { daysLeftLenient, daysLeftMany, isWorkingDayLenient } from '../../src/domain/deadlines/lenient-days-left.js';

/** The plain definition: walk day by day, counting working days and days without a calendar. */
function walked(today: string, deadline: string): { days: number; approximate: boolean } {
  const [from, to] = today <= deadline ? [today, deadline] : [deadline, today];
  let w = 0;
  let approximate = false;
  for (let t = Date.parse(from) + 86_400_000; t <= Date.parse(to); t += 86_400_000) {
    const day = isWorkingDayLenient(new Date(t).toISOString().slice(0, 10));
    if (day.working) w++;
    if (day.approximate) approximate = true;
  }
  return { days: today <= deadline || w === 0 ? w : -w, approximate };
}

describe('working days left over long spans and years without a calendar', () => {
  const days = ['1999-12-30', '2003-12-31', '2004-01-01', '2019-03-14', '2026-11-29', '2026-12-31', '2027-01-01', '2031-06-15'];

  it('agrees with a day-by-day walk between any two of them, both ways', () => {
    for (const today of days) for (const deadline of days) expect(daysLeftLenient(today, deadline), `${today} → ${deadline}`).toEqual(walked(today, deadline));
  });

  it('answers many deadlines at once like one at a time', () => {
    const many = daysLeftMany('2026-11-29', days);
    for (const d of days) expect(many.get(d), d).toEqual(walked('2026-11-29', d));
  });

  it('adds days and tells weekdays like dayjs, across month, leap-year and year ends', () => {
    for (let d = dayjs('2023-12-20'); d.isBefore('2024-03-10'); d = d.add(1, 'day')) {
      const day = d.format('YYYY-MM-DD');
      for (const n of [-400, -1, 0, 1, 31, 366]) expect(addDays(day, n), `${day}+${n}`).toBe(d.add(n, 'day').format('YYYY-MM-DD'));
      expect(isWeekday(day), day).toBe(d.day() !== 0 && d.day() !== 6);
    }
  });
});
